package org.cockroachdb.mesos.executor.job.backup;

import org.cockroachdb.mesos.executor.cockroach.VersionFamily;

/** v20.2: {@code cockroach dump} streamed to S3; {@code BACKUP ... TO}, {@code RESTORE ... FROM}. */
class V20BackupRestoreJobsTest extends BackupRestoreJobsTest {
    @Override
    String release() {
        return "v20.2.19";
    }

    @Override
    VersionFamily family() {
        return VersionFamily.V20_2;
    }
}
