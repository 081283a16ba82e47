package org.cockroachdb.mesos.executor.job.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.cockroachdb.mesos.executor.job.Job;
import org.cockroachdb.mesos.executor.job.JobContext;
import org.cockroachdb.mesos.executor.job.JobFailure;
import org.cockroachdb.mesos.executor.job.JobProcess;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A dump restored from S3 in two passes, neither staged on disk: first the whole object is read to
 * check its length and SHA-256 against {@code manifest.json} (a corrupt or truncated dump is refused
 * before the database is touched), then it is streamed into {@code cockroach sql --database=<db>}
 * (after {@code CREATE DATABASE IF NOT EXISTS}), checked again on the way.
 */
public final class DumpRestoreJob implements Job {
    private static final int BUFFER = 1 << 16;

    private final JobSpec.Restore spec;
    private final BackupLocation where;

    public DumpRestoreJob(JobSpec.Restore spec) {
        this.spec = spec;
        this.where = BackupLocation.of(spec);
    }

    @Override
    public String describe() {
        return "dump restore of database " + spec.database() + " from " + where.display(where.dumpKey());
    }

    @Override
    public String run(JobContext context) throws JobFailure, InterruptedException {
        AwsCredentials credentials = AwsCredentials.fromEnvironment(context.environment());
        Path binary = context.binary(spec.cockroachBinary());
        String what = "restore of " + spec.database() + " from " + where.display(where.dumpKey());
        try (ClusterSql sql = ClusterSql.connect(spec.host(), "defaultdb");
             S3Client s3 = S3Access.client(spec, credentials)) {
            context.onKill(sql::close);
            Optional<RestoreTarget> target = RestoreTarget.decide(sql.existing(spec.database()), spec.force(), false);
            if (target.isEmpty()) {
                throw new JobFailure(RestoreTarget.refusal(spec.database()));
            }
            DumpManifest manifest = manifest(s3);
            context.progress("verifying", 0);
            CountingDigest stored = new CountingDigest();
            try (InputStream in = s3.getObject(r -> r.bucket(spec.bucket()).key(where.dumpKey()))) {
                copy(in, OutputStream.nullOutputStream(), stored, n -> context.progress("verifying", n), context);
            } catch (NoSuchKeyException e) {
                throw new JobFailure("no dump at " + where.display(where.dumpKey()) + " although its manifest exists; "
                        + "the database was not touched");
            }
            String sha256 = stored.sha256();
            if (stored.bytes() != manifest.bytes() || !sha256.equals(manifest.sha256())) {
                throw new JobFailure("the dump " + where.display(where.dumpKey()) + " is corrupt or truncated: it has "
                        + stored.bytes() + " bytes with sha256 " + sha256 + " but its manifest says " + manifest.bytes()
                        + " bytes with sha256 " + manifest.sha256() + "; the database was not touched");
            }
            if (context.killed()) {
                throw new JobFailure("stopped before restoring; the database was not touched");
            }
            if (target.get() == RestoreTarget.DROP_FIRST) {
                sql.execute("DROP DATABASE " + spec.database() + " CASCADE");
            }
            sql.execute("CREATE DATABASE IF NOT EXISTS " + spec.database());
            context.progress("restoring", 0);
            long bytes = restore(context, binary, s3, manifest);
            return "restored database " + spec.database() + " from " + where.display(where.dumpKey()) + ": " + bytes
                    + " bytes of SQL";
        } catch (SQLException e) {
            throw new JobFailure(what + ": " + credentials.redact(e.getMessage()));
        } catch (SdkException e) {
            throw new JobFailure(S3Access.reason(what, e, credentials));
        } catch (IOException e) {
            throw new JobFailure(what + ": " + credentials.redact(String.valueOf(e.getMessage())));
        }
    }

    private DumpManifest manifest(S3Client s3) throws JobFailure {
        byte[] json;
        try {
            json = s3.getObjectAsBytes(r -> r.bucket(spec.bucket()).key(where.manifestKey())).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new JobFailure("no " + BackupLocation.MANIFEST + " at " + where.display(where.manifestKey())
                    + ": the backup is missing or did not complete; the database was not touched");
        }
        DumpManifest manifest;
        try {
            manifest = DumpManifest.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new JobFailure(where.display(where.manifestKey()) + " is not a dump manifest (" + e.getMessage()
                    + "); the database was not touched");
        }
        if (!manifest.database().equals(spec.database())) {
            throw new JobFailure(where.display(where.manifestKey()) + " describes database " + manifest.database()
                    + ", not " + spec.database() + "; the database was not touched");
        }
        return manifest;
    }

    /** The second pass: the dump into {@code cockroach sql}'s stdin, checked against the manifest again. */
    private long restore(JobContext context, Path binary, S3Client s3, DumpManifest manifest)
            throws IOException, JobFailure, InterruptedException {
        JobProcess p = context.start(CockroachClient.sql(binary, spec), true);
        p.stdoutToFile(context.sandbox().resolve(JobContext.STDOUT_FILE));
        CountingDigest fed = new CountingDigest();
        IOException writeFailure = null;
        try (InputStream in = s3.getObject(r -> r.bucket(spec.bucket()).key(where.dumpKey()));
             OutputStream stdin = p.stdin()) {
            copy(in, stdin, fed, n -> context.progress("restoring", n), context);
        } catch (IOException e) {
            writeFailure = e; // cockroach sql stopped reading: its exit code and stderr say why
        }
        int code = p.waitFor();
        if (code != 0) {
            throw JobFailure.exited("cockroach sql", code, p.stderrTail());
        }
        if (writeFailure != null) {
            throw writeFailure;
        }
        if (fed.bytes() != manifest.bytes() || !fed.sha256().equals(manifest.sha256())) {
            throw new JobFailure("the dump " + where.display(where.dumpKey()) + " changed while it was restored; "
                    + "database " + spec.database() + " may be partly restored");
        }
        return fed.bytes();
    }

    private static void copy(InputStream in, OutputStream out, CountingDigest digest,
                             java.util.function.LongConsumer progress, JobContext context) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (context.killed()) {
                throw new IOException("stopped");
            }
            out.write(buffer, 0, n);
            digest.update(buffer, 0, n);
            progress.accept(digest.bytes());
        }
    }
}
