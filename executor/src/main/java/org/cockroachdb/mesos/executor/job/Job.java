package org.cockroachdb.mesos.executor.job;

import org.cockroachdb.mesos.executor.job.backup.DumpBackupJob;
import org.cockroachdb.mesos.executor.job.backup.DumpRestoreJob;
import org.cockroachdb.mesos.executor.job.backup.NativeBackupJob;
import org.cockroachdb.mesos.executor.job.backup.NativeRestoreJob;
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
        if (spec instanceof JobSpec.Backup b) {
            return b.mode() == JobSpec.BackupMode.DUMP ? new DumpBackupJob(b) : new NativeBackupJob(b);
        }
        JobSpec.Restore r = (JobSpec.Restore) spec; // the spec is sealed: nothing else is left
        return r.mode() == JobSpec.BackupMode.DUMP ? new DumpRestoreJob(r) : new NativeRestoreJob(r);
    }
}
