package org.cockroachdb.mesos.scheduler.config;

/** How COCKROACH_VERSION moves between two configs; the classification the operator also uses. */
public enum VersionChangeKind {
    NONE,
    /** Same series, another patch release: rolls freely in either direction. */
    PATCH,
    /** To the next series: preserve the downgrade option first, finalize later. */
    MAJOR_UPGRADE,
    /** Back one series: only possible while the upgrade is not finalized. */
    MAJOR_ROLLBACK,
    /** Skips a series that may not be skipped, or goes back more than one: never done. */
    UNSUPPORTED
}
