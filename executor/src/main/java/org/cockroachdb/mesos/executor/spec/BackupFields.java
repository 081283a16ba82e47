package org.cockroachdb.mesos.executor.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;

/** The rules for a backup's or restore's fields; each refusal names its field and what is accepted. */
final class BackupFields {
    /** Lower case only: the name goes into SQL unquoted and into an object key, and must mean one thing in both. */
    private static final Pattern DATABASE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** S3's bucket naming rules (DNS-compatible). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._=-]+");
    /** A backup's folder may also hold ':', as the CLI's default name (local time, 2024-05-01_12:00:00) does. */
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9._:=-]+");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");

    private BackupFields() {}

    static void check(String cockroachBinary, String host, String database, String bucket, String s3Dir,
                      String backupDir, String region, Optional<String> endpoint, JobSpec.BackupMode mode,
                      VersionFamily versionFamily, LaunchSpec.SecurityMode security) {
        if (cockroachBinary == null || cockroachBinary.isBlank()) {
            throw new InvalidLaunchSpecException("cockroachBinary must be the path of the cockroach binary, got "
                    + quoted(cockroachBinary));
        }
        var m = host == null ? null : HOST_PORT.matcher(host);
        if (m == null || !m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 65535) {
            throw new InvalidLaunchSpecException("host must be host:port of a live node's SQL/RPC port, got " + quoted(host));
        }
        if (database == null || !DATABASE.matcher(database).matches()) {
            throw new InvalidLaunchSpecException("database must be a name of lower-case letters, digits and _ "
                    + "(not starting with a digit), got " + quoted(database));
        }
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new InvalidLaunchSpecException("bucket must be an S3 bucket name (3 to 63 of a-z 0-9 . -), got "
                    + quoted(bucket));
        }
        if (s3Dir == null || (!s3Dir.isEmpty() && !isPath(s3Dir))) {
            throw new InvalidLaunchSpecException("s3Dir must be empty or a relative path like backups/prod "
                    + "(segments of A-Z a-z 0-9 . _ = -, no '..'), got " + quoted(s3Dir));
        }
        if (backupDir == null || !FOLDER.matcher(backupDir).matches() || backupDir.equals(".")
                || backupDir.equals("..")) {
            throw new InvalidLaunchSpecException("backupDir must be one path segment of A-Z a-z 0-9 . _ : = -, got "
                    + quoted(backupDir));
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw new InvalidLaunchSpecException("region must be an AWS region name like us-east-1, got " + quoted(region));
        }
        if (endpoint == null) {
            throw new InvalidLaunchSpecException("endpoint must be absent or an http(s) URL");
        }
        if (endpoint.isPresent() && !isEndpoint(endpoint.get())) {
            throw new InvalidLaunchSpecException("endpoint must be an http(s) URL like https://minio:9000 with no "
                    + "path or query, got " + quoted(endpoint.get()));
        }
        if (mode == null) {
            throw new InvalidLaunchSpecException("mode must be one of " + List.of(JobSpec.BackupMode.values()));
        }
        if (versionFamily == null) {
            throw new InvalidLaunchSpecException("versionFamily must be one of " + List.of(VersionFamily.values()));
        }
        if (security == null) {
            throw new InvalidLaunchSpecException("security must be one of " + List.of(LaunchSpec.SecurityMode.values()));
        }
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
            return (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null
                    && (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
                    && u.getRawQuery() == null && u.getRawUserInfo() == null && u.getRawFragment() == null);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
