package org.cockroachdb.mesos.executor.job;

import org.cockroachdb.mesos.executor.spec.JobSpec;

/** One job's work, run on the supervisor's worker thread. */
public interface Job {
    /** The summary TASK_FINISHED carries is at most this long. */
    int SUMMARY_CHARS = 200;

    /**
     * Does the work; the result is the short summary for TASK_FINISHED.
     *
     * @throws JobFailure with the one-line reason for TASK_FAILED
     */
    String run(JobContext context) throws JobFailure, InterruptedException;

    /** A few words for logs and TASK_STARTING: what this job does, never a secret. */
    String describe();

    static Job of(JobSpec spec) {
        if (spec instanceof JobSpec.CockroachCommand c) {
            return new CockroachCommandJob(c);
        }
        throw new IllegalArgumentException("no job runs " + spec.getClass().getSimpleName());
    }
}
