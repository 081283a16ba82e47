package org.cockroachdb.mesos.executor.job.backup;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cockroachdb.mesos.executor.job.JobFailure;

/**
 * The S3 credentials a backup or restore job uses, from the task's environment only (the job spec,
 * stored in ZooKeeper, never holds them). {@link #toString()} and {@link #redact} keep them out of
 * logs and status messages.
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    static final String REDACTED = "<redacted>";

    public static AwsCredentials fromEnvironment(Map<String, String> environment) throws JobFailure {
        String id = environment.get(ACCESS_KEY_ID);
        String secret = environment.get(SECRET_ACCESS_KEY);
        if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
            throw new JobFailure(ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " must be set in the task's environment "
                    + "(the job spec never carries credentials)");
        }
        String token = environment.get(SESSION_TOKEN);
        return new AwsCredentials(id, secret, token == null || token.isBlank() ? Optional.empty() : Optional.of(token));
    }

    /**
     * {@code text} with whatever secret and session token {@code environment} holds redacted: for the
     * messages of any job, including failures no job foresaw.
     */
    public static String redact(Map<String, String> environment, String text) {
        Optional<String> secret = nonBlank(environment.get(SECRET_ACCESS_KEY));
        Optional<String> token = nonBlank(environment.get(SESSION_TOKEN));
        if (secret.isEmpty() && token.isEmpty()) {
            return text == null ? "" : text;
        }
        return new AwsCredentials("", secret.orElseGet(token::get), secret.isPresent() ? token : Optional.empty())
                .redact(text);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** {@code text} with the secret and the session token, raw or URL-encoded, replaced by {@value #REDACTED}. */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String secret : secrets()) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (String s : sessionToken.map(t -> List.of(secretAccessKey, t)).orElse(List.of(secretAccessKey))) {
            secrets.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            secrets.add(s);
        }
        // the longest first, so no part of a secret survives a shorter replacement
        secrets.sort((a, b) -> b.length() - a.length());
        return secrets;
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=" + REDACTED
                + sessionToken.map(t -> ", sessionToken=" + REDACTED).orElse("") + "]";
    }
}
