package org.cockroachdb.mesos.cli.backup;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cockroachdb.mesos.cli.CliFailure;

/**
 * Where and how a backup or restore job reaches S3: credentials (flags, else the AWS
 * environment), the folder under the bucket, the region, an S3-compatible endpoint, the mode.
 * {@link #toString()} never shows the secret.
 */
public record S3Settings(String accessKey, String secretKey, Optional<String> sessionToken, String s3Dir,
                         String region, Optional<String> endpoint, String mode) {
    public static final String DEFAULT_S3_DIR = "cockroach-backups";
    public static final String DEFAULT_REGION = "us-west-1";
    public static final String DEFAULT_MODE = "auto";
    /** dump: SQL dump files; native: cockroach BACKUP/RESTORE; auto: native when the version has it. */
    public static final Set<String> MODES = Set.of("dump", "native", "auto");

    public S3Settings {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(s3Dir, "s3Dir");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * From the flags as given (null when absent) and the environment; a usage error names the
     * flag and what it accepts.
     */
    public static S3Settings of(String accessKeyFlag, String secretKeyFlag, String s3Dir, String region,
                                String endpoint, String mode, Map<String, String> env) {
        String accessKey = flagOrEnv(accessKeyFlag, env, "AWS_ACCESS_KEY_ID").orElseThrow(() -> CliFailure.usage(
                "no AWS access key: pass -k/--aws-access-key or set AWS_ACCESS_KEY_ID"));
        String secretKey = flagOrEnv(secretKeyFlag, env, "AWS_SECRET_ACCESS_KEY").orElseThrow(() -> CliFailure.usage(
                "no AWS secret key: pass -s/--aws-secret-key or set AWS_SECRET_ACCESS_KEY"));
        String dir = s3Dir == null ? DEFAULT_S3_DIR : s3Dir.replaceAll("^/+|/+$", "");
        if (dir.isEmpty() || dir.contains("//") || dir.chars().anyMatch(Character::isWhitespace)) {
            throw CliFailure.usage("--s3-dir must be a folder path in the bucket such as cockroach-backups, got '"
                    + s3Dir + "'");
        }
        String r = region == null ? DEFAULT_REGION : region.strip();
        if (!r.matches("[a-z0-9-]+")) {
            throw CliFailure.usage("--region must be an AWS region such as us-west-1, got '" + region + "'");
        }
        String m = mode == null ? DEFAULT_MODE : mode;
        if (!MODES.contains(m)) {
            throw CliFailure.usage("--mode must be dump, native or auto, got '" + mode + "'");
        }
        return new S3Settings(accessKey, secretKey, flagOrEnv(null, env, "AWS_SESSION_TOKEN"), dir, r,
                Optional.ofNullable(endpoint).map(S3Settings::endpoint), m);
    }

    private static Optional<String> flagOrEnv(String flag, Map<String, String> env, String variable) {
        if (flag != null && !flag.isBlank()) {
            return Optional.of(flag);
        }
        return Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank());
    }

    private static String endpoint(String value) {
        String accepted = "--endpoint must be an http:// or https:// URL of an S3-compatible store, e.g."
                + " http://127.0.0.1:9000, got '" + value + "'";
        try {
            URI uri = new URI(value.strip());
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw CliFailure.usage(accepted);
            }
            return uri.toString().replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw CliFailure.usage(accepted);
        }
    }

    /** The credentials, for masking whatever is shown. */
    public List<String> secrets() {
        return sessionToken.map(t -> List.of(secretKey, t)).orElse(List.of(secretKey));
    }

    @Override
    public String toString() {
        return "S3Settings[accessKey=" + accessKey + ", secretKey=****, sessionToken=" + sessionToken.map(t -> "****")
                + ", s3Dir=" + s3Dir + ", region=" + region + ", endpoint=" + endpoint + ", mode=" + mode + "]";
    }
}
