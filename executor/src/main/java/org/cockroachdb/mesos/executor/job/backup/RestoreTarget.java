package org.cockroachdb.mesos.executor.job.backup;

import java.util.Optional;

/** What a restore does about the database already there, if any. */
public enum RestoreTarget {
    /** Nothing there (or an empty database a dump can fill): restore into it. */
    USE,
    /** Drop it first: empty but in RESTORE's way, or not empty and the operator forced it. */
    DROP_FIRST;

    /** What is there now. */
    public enum Existing { NONE, EMPTY, NOT_EMPTY }

    /**
     * @param nativeRestore RESTORE refuses any existing database, even an empty one
     * @return empty when the restore must be refused (a database with tables, no force)
     */
    public static Optional<RestoreTarget> decide(Existing existing, boolean force, boolean nativeRestore) {
        return switch (existing) {
            case NONE -> Optional.of(USE);
            case EMPTY -> Optional.of(nativeRestore ? DROP_FIRST : USE);
            case NOT_EMPTY -> force ? Optional.of(DROP_FIRST) : Optional.empty();
        };
    }

    public static String refusal(String database) {
        return "database " + database + " exists and is not empty; restore with force to drop it first";
    }
}
