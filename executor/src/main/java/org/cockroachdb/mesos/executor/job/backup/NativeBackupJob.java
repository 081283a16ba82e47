package org.cockroachdb.mesos.executor.job.backup;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.cockroachdb.mesos.executor.job.Job;
import org.cockroachdb.mesos.executor.job.JobContext;
import org.cockroachdb.mesos.executor.job.JobFailure;
import org.cockroachdb.mesos.executor.spec.JobSpec;

/**
 * cockroach's own {@code BACKUP} to S3 (v20.2+): the nodes write the files themselves, in parallel,
 * so nothing passes through the executor. The statement carries the credentials; no message does.
 */
public final class NativeBackupJob implements Job {
    private final JobSpec.Backup spec;
    private final BackupLocation where;

    public NativeBackupJob(JobSpec.Backup spec) {
        this.spec = spec;
        this.where = BackupLocation.of(spec);
    }

    @Override
    public String describe() {
        return "native backup of database " + spec.database() + " to " + where.display();
    }

    @Override
    public String run(JobContext context) throws JobFailure {
        AwsCredentials credentials = AwsCredentials.fromEnvironment(context.environment());
        String statement = BackupStatements.backup(spec.versionFamily(), spec.database(),
                where.cockroachUri(spec, credentials));
        try (ClusterSql sql = ClusterSql.connect(spec.host(), "defaultdb")) {
            context.onKill(sql::close);
            context.progress("backing-up", 0);
            ResultSet rs = sql.execute(statement);
            String counts = rs != null && rs.next() ? counts(rs) : "";
            return "backed up database " + spec.database() + " to " + where.display() + counts;
        } catch (SQLException e) {
            throw new JobFailure("BACKUP of " + spec.database() + " to " + where.display() + " failed: "
                    + credentials.redact(e.getMessage()));
        }
    }

    /** {@code (10000 rows, 345678 bytes)} from BACKUP's result row, when it has those columns. */
    static String counts(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        String rows = null;
        String bytes = null;
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals("rows")) {
                rows = rs.getString(i);
            } else if (md.getColumnLabel(i).equals("bytes")) {
                bytes = rs.getString(i);
            }
        }
        return rows == null || bytes == null ? "" : " (" + rows + " rows, " + bytes + " bytes)";
    }
}
