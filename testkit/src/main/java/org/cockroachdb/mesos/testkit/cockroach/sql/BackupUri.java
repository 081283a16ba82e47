package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A BACKUP/RESTORE location as CockroachDB takes it: {@code s3://bucket/path?AWS_ACCESS_KEY_ID=..&
 * AWS_SECRET_ACCESS_KEY=..&AWS_REGION=..&AWS_ENDPOINT=..} (values URL-encoded) or
 * {@code nodelocal://1/path}. {@link #toString()} and {@link #redacted()} never show a secret, and
 * {@link #scrub} takes secrets out of any other text (error messages from the store).
 */
public final class BackupUri {
    /** Parameters whose values are secrets, as CockroachDB redacts them. */
    static final Set<String> SECRET_PARAMETERS =
            Set.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AZURE_ACCOUNT_KEY", "CREDENTIALS");

    private final String scheme;
    private final String host;
    private final String path;
    private final Map<String, String> parameters;
    private final String redacted;
    private final List<String> secrets = new ArrayList<>();

    private BackupUri(String scheme, String host, String path, Map<String, String> parameters, String redacted) {
        this.scheme = scheme;
        this.host = host;
        this.path = path;
        this.parameters = Map.copyOf(parameters);
        this.redacted = redacted;
    }

    /** @throws IllegalArgumentException with a message that shows the URI redacted */
    public static BackupUri parse(String uri) {
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd <= 0) {
            int q = uri.indexOf('?');
            String shown = q < 0 ? uri : uri.substring(0, q + 1) + redactQuery(uri.substring(q + 1));
            throw new IllegalArgumentException("not a storage URI: " + shown);
        }
        String scheme = uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = uri.substring(schemeEnd + 3);
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int pathStart = location.indexOf('/');
        String host = pathStart < 0 ? location : location.substring(0, pathStart);
        String path = pathStart < 0 ? "" : location.substring(pathStart + 1);
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> rawSecrets = new ArrayList<>();
        for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (SECRET_PARAMETERS.contains(key)) {
                rawSecrets.add(value);
            }
            parameters.put(key, decode(value));
        }
        BackupUri u = new BackupUri(scheme, host, stripSlashes(path), parameters,
                scheme + "://" + location + (query.isEmpty() ? "" : "?" + redactQuery(query)));
        for (String key : SECRET_PARAMETERS) {
            String v = parameters.get(key);
            if (v != null && !v.isEmpty()) {
                u.secrets.add(v);
            }
        }
        rawSecrets.stream().filter(s -> !s.isEmpty()).forEach(u.secrets::add);
        return u;
    }

    public String scheme() {
        return scheme;
    }

    /** The bucket (s3) or node id (nodelocal). */
    public String host() {
        return host;
    }

    /** The path inside the bucket or node, without leading or trailing slashes. */
    public String path() {
        return path;
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).filter(v -> !v.isEmpty());
    }

    /** The URI with every secret replaced by {@code redacted}, as CockroachDB shows it in jobs and errors. */
    public String redacted() {
        return redacted;
    }

    /** {@code text} with any secret of this URI (decoded or as written) replaced by {@code redacted}. */
    public String scrub(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, "redacted");
        }
        return out;
    }

    @Override
    public String toString() {
        return redacted;
    }

    private static String redactQuery(String query) {
        StringBuilder b = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            if (b.length() > 0) {
                b.append('&');
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            b.append(eq >= 0 && SECRET_PARAMETERS.contains(decode(key)) ? key + "=redacted" : pair);
        }
        return b.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray % stays as written
        }
    }

    private static String stripSlashes(String p) {
        int from = 0;
        int to = p.length();
        while (from < to && p.charAt(from) == '/') {
            from++;
        }
        while (to > from && p.charAt(to - 1) == '/') {
            to--;
        }
        return p.substring(from, to);
    }
}
