package org.cockroachdb.mesos.executor.job.backup;

import java.sql.SQLException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import org.cockroachdb.mesos.executor.job.Job;
import org.cockroachdb.mesos.executor.job.JobContext;
import org.cockroachdb.mesos.executor.job.JobFailure;
import org.cockroachdb.mesos.executor.spec.JobSpec;

/**
 * cockroach's own {@code RESTORE} from S3 (v20.2+). RESTORE refuses an existing database, so an empty
 * one is dropped first, and one with tables only when the operator forced it, and only once a
 * backup was found where the restore will read.
 */
public final class NativeRestoreJob implements Job {
    private final JobSpec.Restore spec;
    private final BackupLocation where;

    public NativeRestoreJob(JobSpec.Restore spec) {
        this.spec = spec;
        this.where = BackupLocation.of(spec);
    }

    @Override
    public String describe() {
        return "native restore of database " + spec.database() + " from " + where.display();
    }

    @Override
    public String run(JobContext context) throws JobFailure {
        AwsCredentials credentials = AwsCredentials.fromEnvironment(context.environment());
        requireBackupAt(credentials);
        String statement = BackupStatements.restore(spec.versionFamily(), spec.database(),
                where.cockroachUri(spec, credentials));
        try (ClusterSql sql = ClusterSql.connect(spec.host(), "defaultdb")) {
            context.onKill(sql::close);
            Optional<RestoreTarget> target = RestoreTarget.decide(sql.existing(spec.database()), spec.force(), true);
            if (target.isEmpty()) {
                throw new JobFailure(RestoreTarget.refusal(spec.database()));
            }
            if (context.killed()) {
                throw new JobFailure("stopped before restoring");
            }
            if (target.get() == RestoreTarget.DROP_FIRST) {
                sql.execute("DROP DATABASE " + spec.database() + " CASCADE");
            }
            context.progress("restoring", 0);
            sql.execute(statement);
            return "restored database " + spec.database() + " from " + where.display();
        } catch (SQLException e) {
            throw new JobFailure("RESTORE of " + spec.database() + " from " + where.display() + " failed: "
                    + credentials.redact(e.getMessage()));
        }
    }

    /**
     * A forced restore drops the database before RESTORE runs: a wrong folder, region or key must be
     * found out before that, while the database is still there.
     */
    private void requireBackupAt(AwsCredentials credentials) throws JobFailure {
        String what = "looking for the backup at " + where.display();
        try (S3Client s3 = S3Access.client(spec, credentials)) {
            boolean found = s3.listObjectsV2(r -> r.bucket(where.bucket()).prefix(where.prefix() + "/").maxKeys(1))
                    .keyCount() > 0;
            if (!found) {
                throw new JobFailure("no backup at " + where.display() + "; nothing was changed (check the bucket,"
                        + " the backup folder and the region)");
            }
        } catch (SdkException e) {
            throw new JobFailure(S3Access.reason(what, e, credentials) + "; nothing was changed");
        }
    }
}
