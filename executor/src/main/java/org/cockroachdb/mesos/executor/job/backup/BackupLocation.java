package org.cockroachdb.mesos.executor.job.backup;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.cockroachdb.mesos.executor.spec.JobSpec;

/**
 * Where a backup lives: {@code s3://<bucket>/<s3Dir>/<backupDir>}, with the dump as
 * {@code <database>.sql} and its {@code manifest.json} beside it, or cockroach's own backup files.
 */
public record BackupLocation(String bucket, String prefix, String database) {
    public static final String MANIFEST = "manifest.json";

    public static BackupLocation of(JobSpec.BackupOrRestore spec) {
        String prefix = spec.s3Dir().isEmpty() ? spec.backupDir() : spec.s3Dir() + "/" + spec.backupDir();
        return new BackupLocation(spec.bucket(), prefix, spec.database());
    }

    public String dumpKey() {
        return prefix + "/" + database + ".sql";
    }

    public String manifestKey() {
        return prefix + "/" + MANIFEST;
    }

    /** For messages: no credentials. */
    public String display(String key) {
        return "s3://" + bucket + "/" + key;
    }

    public String display() {
        return "s3://" + bucket + "/" + prefix;
    }

    /**
     * The URI cockroach's BACKUP and RESTORE take, credentials in its query (URL-encoded: secrets hold
     * {@code + / =}). It is a secret itself: never log it.
     */
    public String cockroachUri(JobSpec.BackupOrRestore spec, AwsCredentials credentials) {
        StringBuilder uri = new StringBuilder(display()).append("?AWS_ACCESS_KEY_ID=")
                .append(encode(credentials.accessKeyId()))
                .append("&AWS_SECRET_ACCESS_KEY=").append(encode(credentials.secretAccessKey()));
        credentials.sessionToken().ifPresent(t -> uri.append("&AWS_SESSION_TOKEN=").append(encode(t)));
        uri.append("&AWS_REGION=").append(encode(spec.region()));
        spec.endpoint().ifPresent(e -> uri.append("&AWS_ENDPOINT=").append(encode(e)));
        return uri.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
