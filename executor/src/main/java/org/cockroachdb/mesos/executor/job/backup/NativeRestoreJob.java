package org.cockroachdb.mesos.executor.job.backup;

import java.sql.SQLException;
import java.util.Optional;
import org.cockroachdb.mesos.executor.job.Job;
import org.cockroachdb.mesos.executor.job.JobContext;
import org.cockroachdb.mesos.executor.job.JobFailure;
import org.cockroachdb.mesos.executor.spec.JobSpec;

/**
 * cockroach's own {@code RESTORE} from S3 (v20.2+). RESTORE refuses an existing database, so an empty
 * one is dropped first, and one with tables only when the operator forced it.
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
}
