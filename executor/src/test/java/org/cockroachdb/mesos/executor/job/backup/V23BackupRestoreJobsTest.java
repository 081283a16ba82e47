package org.cockroachdb.mesos.executor.job.backup;

import org.cockroachdb.mesos.executor.cockroach.VersionFamily;

/** v23.1: no {@code cockroach dump}, so the executor dumps over SQL; {@code BACKUP ... INTO}, {@code RESTORE ... FROM LATEST IN}. */
class V23BackupRestoreJobsTest extends BackupRestoreJobsTest {
    @Override
    String release() {
        return "v23.1.11";
    }

    @Override
    VersionFamily family() {
        return VersionFamily.V23_1;
    }
}
