package org.cockroachdb.mesos.scheduler.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.URIUtil;

/** The rules for request paths: how they split, and what a path parameter may contain. */
final class RoutePath {

    /** Names of plans, pods and endpoints; nothing that could smuggle a path or a query. */
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9._-]+");

    private RoutePath() {
    }

    /**
     * "/v1/pod//status" → [v1, pod, "", status]: empty segments are kept so they can be refused.
     * Each segment is percent-decoded after splitting, so an encoded '/' stays inside its segment
     * (and is then refused as a parameter).
     *
     * @throws IllegalArgumentException if a segment is not validly percent-encoded
     */
    static List<String> segments(String encodedPath) {
        String p = encodedPath.startsWith("/") ? encodedPath.substring(1) : encodedPath;
        return Arrays.stream(p.split("/", -1)).map(URIUtil::decodePath).toList();
    }

    /** Empty if acceptable, else the one-line reason naming the parameter. */
    static Optional<String> problem(String name, String value) {
        if (value.isEmpty()) {
            return Optional.of("Path parameter '" + name + "' is empty; use letters, digits, '.', '_' or '-'");
        }
        if (!PARAMETER.matcher(value).matches()) {
            return Optional.of("Path parameter '" + name + "' is '" + value
                    + "'; use only letters, digits, '.', '_' or '-'");
        }
        return Optional.empty();
    }
}
