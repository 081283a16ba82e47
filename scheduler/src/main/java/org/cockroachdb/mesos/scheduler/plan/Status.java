package org.cockroachdb.mesos.scheduler.plan;

/**
 * Where a step, phase or plan stands. Steps use PENDING … ERROR; IN_PROGRESS and WAITING only
 * ever come out of aggregation over steps.
 */
public enum Status {
    /** Nothing started, or the work must be redone (task failed, runs an older revision). */
    PENDING,
    /** Started: kills issued, waiting for them to land. */
    PREPARED,
    /** Operations sent to Mesos, or the task is staging/starting/being killed. */
    STARTING,
    /** The task runs but has not passed readiness on this run. */
    STARTED,
    COMPLETE,
    /** Waiting out a relaunch backoff. */
    DELAYED,
    ERROR,
    IN_PROGRESS,
    /** The plan is interrupted (paused) and not complete. */
    WAITING
}
