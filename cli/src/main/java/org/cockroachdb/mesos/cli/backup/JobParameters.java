package org.cockroachdb.mesos.cli.backup;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import org.cockroachdb.mesos.cli.CliFailure;

/**
 * The parameters of the scheduler's {@code backup} and {@code restore} plans
 * ({@code POST /v1/plans/backup/start}): the environment of the job task, with the names the
 * original service used.
 */
public final class JobParameters {
    /** The original CLI's default backup folder name: local time. */
    public static final DateTimeFormatter BACKUP_DIR_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH:mm:ss");

    private JobParameters() {
    }

    /** {@code backupDir} null: now, in local time. */
    public static Map<String, String> backup(String database, String bucket, String backupDir, S3Settings s3, Clock clock) {
        String dir = backupDir == null ? LocalDateTime.now(clock).format(BACKUP_DIR_FORMAT) : folder(backupDir, "--s3-backup-dir");
        Map<String, String> out = common(database, bucket, dir, s3);
        return Map.copyOf(out);
    }

    public static Map<String, String> restore(String database, String bucket, String backupDir, boolean force, S3Settings s3) {
        Map<String, String> out = common(database, bucket, folder(backupDir, "the backup folder (S3_BACKUP_DIR)"), s3);
        out.put("RESTORE_FORCE", Boolean.toString(force));
        return Map.copyOf(out);
    }

    private static Map<String, String> common(String database, String bucket, String backupDir, S3Settings s3) {
        Map<String, String> out = new TreeMap<>();
        out.put("DATABASE_NAME", database(database));
        out.put("S3_BUCKET_NAME", bucket(bucket));
        out.put("S3_DIR_PATH", s3.s3Dir());
        out.put("BACKUP_DIR", backupDir);
        out.put("AWS_DEFAULT_REGION", s3.region());
        out.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        out.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        s3.sessionToken().ifPresent(t -> out.put("AWS_SESSION_TOKEN", t));
        s3.endpoint().ifPresent(e -> out.put("S3_ENDPOINT", e));
        out.put("BACKUP_MODE", s3.mode());
        return out;
    }

    private static String database(String name) {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_$-]{0,62}")) {
            throw CliFailure.usage("the database must be a CockroachDB database name (letters, digits, '_', '$', '-',"
                    + " not starting with a digit), got '" + name + "'");
        }
        return name;
    }

    /** S3's bucket naming rules (3–63 characters); old buckets may have capitals, so those pass. */
    private static String bucket(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]")) {
            throw CliFailure.usage("the S3 bucket must be a bucket name (3-63 letters, digits, '.', '-'), got '"
                    + name + "'");
        }
        return name;
    }

    private static String folder(String value, String what) {
        if (value == null || value.isBlank() || value.contains("/") || value.chars().anyMatch(Character::isWhitespace)) {
            throw CliFailure.usage(what + " must be one folder name such as 2024-05-01_12:00:00, got '" + value + "'");
        }
        return value;
    }
}
