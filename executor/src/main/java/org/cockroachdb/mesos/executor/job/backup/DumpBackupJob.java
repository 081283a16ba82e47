package org.cockroachdb.mesos.executor.job.backup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.job.Job;
import org.cockroachdb.mesos.executor.job.JobContext;
import org.cockroachdb.mesos.executor.job.JobFailure;
import org.cockroachdb.mesos.executor.job.JobProcess;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A database's SQL dump streamed straight into an S3 multipart upload (no local copy), then its
 * {@code manifest.json}. Up to v21.1 the dump is {@code cockroach dump}'s stdout; from v21.2, where
 * that command is gone, it is {@link SqlDump} over SQL. Any failure aborts the upload: no object is
 * left, and never a manifest beside a partial dump.
 */
public final class DumpBackupJob implements Job {
    private final JobSpec.Backup spec;
    private final BackupLocation where;

    public DumpBackupJob(JobSpec.Backup spec) {
        this.spec = spec;
        this.where = BackupLocation.of(spec);
    }

    @Override
    public String describe() {
        return "dump backup of database " + spec.database() + " to " + where.display(where.dumpKey());
    }

    @Override
    public String run(JobContext context) throws JobFailure, InterruptedException {
        AwsCredentials credentials = AwsCredentials.fromEnvironment(context.environment());
        boolean cockroachDump = spec.versionFamily() != VersionFamily.V23_1;
        Path binary = cockroachDump ? context.binary(spec.cockroachBinary()) : null;
        String what = "backup of " + spec.database() + " to " + where.display(where.dumpKey());
        try (ClusterSql sql = ClusterSql.connect(spec.host(), spec.database());
             S3Client s3 = S3Access.client(spec, credentials)) {
            context.onKill(sql::close);
            String release = sql.release();
            s3.headBucket(r -> r.bucket(spec.bucket())); // refused credentials show before any dumping
            context.progress("dumping", 0);
            S3UploadStream.Uploaded dump;
            try (S3UploadStream out = new S3UploadStream(s3, spec.bucket(), where.dumpKey(), S3UploadStream.PART_SIZE,
                    bytes -> context.progress("dumping", bytes))) {
                if (cockroachDump) {
                    dumpWithCockroach(context, binary, out);
                } else {
                    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                    SqlDump.write(sql.connection(), w);
                    w.flush();
                }
                if (context.killed()) {
                    throw new JobFailure("the dump was stopped");
                }
                context.progress("uploading", 0);
                dump = out.complete();
            }
            DumpManifest manifest = new DumpManifest(spec.database(), dump.bytes(), dump.sha256(), release,
                    Instant.now().toString(), spec.mode().name(),
                    cockroachDump ? DumpManifest.FORMAT_COCKROACH_DUMP : DumpManifest.FORMAT_SQL_SNAPSHOT);
            putManifest(s3, manifest);
            return "dumped database " + spec.database() + " to " + where.display(where.dumpKey()) + ": "
                    + dump.bytes() + " bytes, sha256 " + dump.sha256().substring(0, 12);
        } catch (SQLException e) {
            throw new JobFailure(what + ": " + credentials.redact(e.getMessage()));
        } catch (SdkException e) {
            throw new JobFailure(S3Access.reason(what, e, credentials));
        } catch (IOException e) {
            throw new JobFailure(what + ": " + credentials.redact(String.valueOf(e.getMessage())));
        }
    }

    private void dumpWithCockroach(JobContext context, Path binary, S3UploadStream out)
            throws IOException, JobFailure, InterruptedException {
        JobProcess p = context.start(CockroachClient.dump(binary, spec), false);
        try {
            p.stdout().transferTo(out);
        } finally {
            if (p.isAlive()) {
                p.stdout().close(); // S3 failed mid-way: the dump must not block on a full pipe
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw JobFailure.exited("cockroach dump", code, p.stderrTail());
        }
    }

    /** The manifest marks the dump complete; without it the dump is of no use, so it goes too. */
    private void putManifest(S3Client s3, DumpManifest manifest) {
        try {
            s3.putObject(r -> r.bucket(spec.bucket()).key(where.manifestKey()).contentType("application/json"),
                    RequestBody.fromBytes(manifest.toJson()));
        } catch (SdkException e) {
            try {
                s3.deleteObject(r -> r.bucket(spec.bucket()).key(where.dumpKey()));
            } catch (SdkException ignored) {
                // the restore refuses a dump without a manifest anyway
            }
            throw e;
        }
    }
}
