package org.cockroachdb.mesos.scheduler.plan;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.config.CockroachVersion;

/**
 * A backup or restore as asked for by {@code POST /v1/plans/backup|restore/start}: its parameters
 * checked (each refusal one line naming the parameter and what is accepted) and the mode chosen for
 * the cluster's version. It holds the credentials, so it lives only in the event loop's memory
 * until the job is launched; {@link #toString()} never shows them.
 */
public record BackupRequest(Kind kind, String database, String bucket, String s3Dir, String backupDir, String region,
                            Optional<String> endpoint, JobSpec.BackupMode mode, boolean force, AwsKeys keys) {

    public static final String DATABASE_NAME = "DATABASE_NAME";
    public static final String S3_BUCKET_NAME = "S3_BUCKET_NAME";
    public static final String S3_DIR_PATH = "S3_DIR_PATH";
    public static final String BACKUP_DIR = "BACKUP_DIR";
    public static final String AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";
    public static final String S3_ENDPOINT = "S3_ENDPOINT";
    public static final String BACKUP_MODE = "BACKUP_MODE";
    public static final String RESTORE_FORCE = "RESTORE_FORCE";

    /** The CLI's defaults, for a request sent without them. */
    static final String DEFAULT_S3_DIR = "cockroach-backups";
    static final String DEFAULT_REGION = "us-west-1";
    /** Native BACKUP/RESTORE of a full database is free (core) from v20.2 (reference §7). */
    static final CockroachVersion NATIVE_SINCE = new CockroachVersion(20, 2, 0);
    /** A backup without a folder name gets the time it was asked for (UTC), as the CLI names it. */
    static final DateTimeFormatter DEFAULT_BACKUP_DIR = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Lower case only: the name goes into SQL unquoted and into an object key (the executor's rule). */
    private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=-]+");
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9._:=-]+");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");

    /** Which plan: a backup or a restore. */
    public enum Kind {
        BACKUP("backup"), RESTORE("restore");

        private final String plan;

        Kind(String plan) {
            this.plan = plan;
        }

        /** The plan's name, also the job task's name and the word in messages. */
        public String plan() {
            return plan;
        }

        public static Optional<Kind> ofPlan(String name) {
            for (Kind kind : values()) {
                if (kind.plan.equals(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** S3 credentials; never shown. */
    public record AwsKeys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        public AwsKeys {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        /** The job task's environment, where the executor reads them. */
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(AWS_ACCESS_KEY_ID, accessKeyId);
            env.put(AWS_SECRET_ACCESS_KEY, secretAccessKey);
            sessionToken.ifPresent(t -> env.put(AWS_SESSION_TOKEN, t));
            return env;
        }

        @Override
        public String toString() {
            return "AwsKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                    + sessionToken.map(t -> ", sessionToken=****").orElse("") + "]";
        }
    }

    public BackupRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(keys, "keys");
    }

    /** A request, or the one-line reason it is refused. */
    public sealed interface Parsed {
        record Accepted(BackupRequest request) implements Parsed {}

        record Refused(String reason) implements Parsed {}
    }

    /**
     * Checks {@code parameters} for {@code kind} on a cluster of {@code version}; {@code now} names
     * a backup sent without {@value #BACKUP_DIR}.
     */
    public static Parsed parse(Kind kind, Map<String, String> parameters, CockroachVersion version, Instant now) {
        try {
            return new Parsed.Accepted(read(kind, parameters, version, now));
        } catch (IllegalArgumentException refused) {
            return new Parsed.Refused(refused.getMessage());
        }
    }

    private static BackupRequest read(Kind kind, Map<String, String> p, CockroachVersion version, Instant now) {
        String database = required(p, DATABASE_NAME, "the database to " + kind.plan());
        if (!DATABASE.matcher(database).matches()) {
            throw refused(DATABASE_NAME + " must be a database name of lower-case letters, digits and _ (not starting"
                    + " with a digit, at most 63), got '" + database + "'");
        }
        String bucket = required(p, S3_BUCKET_NAME, "the S3 bucket");
        if (!BUCKET.matcher(bucket).matches()) {
            throw refused(S3_BUCKET_NAME + " must be an S3 bucket name (3 to 63 of a-z 0-9 . -), got '" + bucket + "'");
        }
        String s3Dir = optional(p, S3_DIR_PATH).map(d -> d.replaceAll("^/+|/+$", "")).orElse(DEFAULT_S3_DIR);
        if (!s3Dir.isEmpty() && !isPath(s3Dir)) {
            throw refused(S3_DIR_PATH + " must be a folder path in the bucket like cockroach-backups/prod (segments of"
                    + " A-Z a-z 0-9 . _ = -), got '" + s3Dir + "'");
        }
        Optional<String> folder = optional(p, BACKUP_DIR);
        if (folder.isEmpty() && kind == Kind.RESTORE) {
            throw refused(BACKUP_DIR + " is required: the backup's folder under " + S3_DIR_PATH + " to restore from");
        }
        String backupDir = folder.orElseGet(() -> DEFAULT_BACKUP_DIR.format(now));
        if (!FOLDER.matcher(backupDir).matches() || backupDir.equals(".") || backupDir.equals("..")) {
            throw refused(BACKUP_DIR + " must be one folder name of A-Z a-z 0-9 . _ : = - such as"
                    + " 2024-05-01_12:00:00, got '" + backupDir + "'");
        }
        String region = optional(p, AWS_DEFAULT_REGION).orElse(DEFAULT_REGION);
        if (!REGION.matcher(region).matches()) {
            throw refused(AWS_DEFAULT_REGION + " must be an AWS region such as us-west-1, got '" + region + "'");
        }
        Optional<String> endpoint = optional(p, S3_ENDPOINT).map(e -> e.replaceAll("/+$", ""));
        if (endpoint.isPresent() && !isEndpoint(endpoint.get())) {
            throw refused(S3_ENDPOINT + " must be an http:// or https:// URL of an S3-compatible store with no path,"
                    + " such as http://127.0.0.1:9000, got '" + endpoint.get() + "'");
        }
        String accessKey = required(p, AWS_ACCESS_KEY_ID, "the AWS access key id (CLI: -k/--aws-access-key)");
        String secretKey = required(p, AWS_SECRET_ACCESS_KEY, "the AWS secret access key (CLI: -s/--aws-secret-key)");
        AwsKeys keys = new AwsKeys(accessKey, secretKey, optional(p, AWS_SESSION_TOKEN));
        JobSpec.BackupMode mode = mode(optional(p, BACKUP_MODE).orElse("auto"), version);
        boolean force = false;
        if (kind == Kind.RESTORE) {
            String given = optional(p, RESTORE_FORCE).orElse("false");
            if (!given.equals("true") && !given.equals("false")) {
                throw refused(RESTORE_FORCE + " must be true or false, got '" + given + "'");
            }
            force = given.equals("true");
        }
        return new BackupRequest(kind, database, bucket, s3Dir, backupDir, region, endpoint, mode, force, keys);
    }

    /** {@code auto}: native from v20.2, where full BACKUP/RESTORE became free; a dump before. */
    static JobSpec.BackupMode mode(String given, CockroachVersion version) {
        boolean nativeAvailable = version.compareTo(NATIVE_SINCE) >= 0;
        return switch (given) {
            case "auto" -> nativeAvailable ? JobSpec.BackupMode.NATIVE : JobSpec.BackupMode.DUMP;
            case "dump" -> JobSpec.BackupMode.DUMP;
            case "native" -> {
                if (!nativeAvailable) {
                    throw refused(BACKUP_MODE + " native needs CockroachDB v20.2 or later and this cluster runs "
                            + version + "; use dump or auto");
                }
                yield JobSpec.BackupMode.NATIVE;
            }
            default -> throw refused(BACKUP_MODE + " must be dump, native or auto, got '" + given + "'");
        };
    }

    /** {@code s3://bucket/dir/folder}, for messages. */
    public String location() {
        return "s3://" + bucket + "/" + (s3Dir.isEmpty() ? "" : s3Dir + "/") + backupDir;
    }

    private static String required(Map<String, String> p, String name, String what) {
        return optional(p, name).orElseThrow(() -> refused(name + " is required: " + what));
    }

    private static Optional<String> optional(Map<String, String> p, String name) {
        return Optional.ofNullable(p.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static boolean isPath(String path) {
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEndpoint(String url) {
        try {
            URI u = new URI(url);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
                    && u.getRawUserInfo() == null && u.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static IllegalArgumentException refused(String reason) {
        return new IllegalArgumentException(reason);
    }
}
