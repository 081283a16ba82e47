package org.cockroachdb.mesos.executor.job.backup;

import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.job.JobFailure;

/** The BACKUP and RESTORE statements of each version family (reference §7). */
public final class BackupStatements {
    private BackupStatements() {}

    /**
     * v21.1+: a backup collection, read 10 s in the past (fewer retries, well within the GC window);
     * v20.2: {@code BACKUP ... TO}, the first release where full backups are free.
     */
    public static String backup(VersionFamily family, String database, String uri) throws JobFailure {
        return switch (family) {
            case V2_1 -> throw nativeNeedsV20_2();
            case V20_2 -> "BACKUP DATABASE " + database + " TO " + literal(uri);
            case V23_1 -> "BACKUP DATABASE " + database + " INTO " + literal(uri) + " AS OF SYSTEM TIME '-10s'";
        };
    }

    /** v21.2+: the latest backup in the collection; v20.2: the backup at the URI. */
    public static String restore(VersionFamily family, String database, String uri) throws JobFailure {
        return switch (family) {
            case V2_1 -> throw nativeNeedsV20_2();
            case V20_2 -> "RESTORE DATABASE " + database + " FROM " + literal(uri);
            case V23_1 -> "RESTORE DATABASE " + database + " FROM LATEST IN " + literal(uri);
        };
    }

    private static JobFailure nativeNeedsV20_2() {
        return new JobFailure("native backup needs v20.2 or later; use --mode dump");
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
