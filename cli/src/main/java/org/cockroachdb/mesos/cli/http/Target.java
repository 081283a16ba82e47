package org.cockroachdb.mesos.cli.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cockroachdb.mesos.cli.CliFailure;

/**
 * Where the scheduler's API is and how to talk to it.
 *
 * @param base    the API's base URL without a trailing slash; requests append {@code /v1/...}
 * @param service the service name, for messages
 * @param token   the DC/OS ACS token, sent as {@code Authorization: token=<t>}
 * @param tls     how to check an https server
 */
public record Target(URI base, String service, Optional<String> token, Tls tls) {

    public Target {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * {@code --url} wins (a scheduler outside DC/OS, e.g. local mode; the ACS token goes along only
     * when it points at {@code DCOS_URL}'s host); else
     * {@code $DCOS_URL/service/<name>}, as Admin Router proxies it; else a usage error.
     */
    public static Target resolve(Optional<String> url, String service, Map<String, String> env) {
        Optional<String> token = Optional.ofNullable(env.get("DCOS_ACS_TOKEN")).filter(t -> !t.isBlank());
        Tls tls = Tls.fromEnvironment(env);
        String dcosUrl = env.get("DCOS_URL");
        if (url.isPresent()) {
            URI base = httpUrl(url.get(), "--url");
            // the cluster's token goes only where the cluster is: never to another host named by --url
            boolean sameCluster = dcosUrl != null && !dcosUrl.isBlank() && sameOrigin(base, httpUrl(dcosUrl, "DCOS_URL"));
            return new Target(base, service, sameCluster ? token : Optional.empty(), tls);
        }
        if (dcosUrl == null || dcosUrl.isBlank()) {
            throw CliFailure.usage("no scheduler to talk to: pass --url <scheduler API URL, e.g. http://127.0.0.1:8080>"
                    + " or set up the DC/OS CLI (dcos cluster setup), which provides DCOS_URL");
        }
        URI cluster = httpUrl(dcosUrl, "DCOS_URL");
        return new Target(URI.create(cluster + "/service/" + servicePath(service)), service, token, tls);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && effectivePort(a) == effectivePort(b);
    }

    private static int effectivePort(URI u) {
        return u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** The URL of {@code path} (starting with {@code /v1/}). */
    public URI resolve(String path) {
        return URI.create(base + path);
    }

    /** {@code /prod/cockroachdb} (a service in a folder) is proxied at {@code /service/prod/cockroachdb}. */
    private static String servicePath(String service) {
        String trimmed = service.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty() || !trimmed.matches("[a-z0-9][a-z0-9./-]*")) {
            throw CliFailure.usage("--name must be a DC/OS service name (lower-case letters, digits, '-', '.', '/' for"
                    + " folders), got '" + service + "'");
        }
        return trimmed;
    }

    private static URI httpUrl(String value, String what) {
        String trimmed = value.trim().replaceAll("/+$", "");
        String accepted = what + " must be an http:// or https:// URL such as http://127.0.0.1:8080, got '" + value + "'";
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw CliFailure.usage(accepted);
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw CliFailure.usage(accepted);
        }
        return uri;
    }
}
