package org.cockroachdb.mesos.scheduler.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One endpoint: a method, a path template such as {@code /v1/pod/{pod}/status}, and the query
 * that answers it from a view. Commands (POST) are added the same way, with a query that hands
 * the command to the event loop.
 */
record Route(String method, String template, Query query) {

    interface Query {
        Reply answer(ServiceView view, Map<String, String> params);
    }

    /** The path parameters if {@code segments} (the path split at '/') has this route's shape. */
    Optional<Map<String, String>> match(List<String> segments) {
        List<String> parts = RoutePath.segments(template);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (part.startsWith("{") && part.endsWith("}")) {
                params.put(part.substring(1, part.length() - 1), segments.get(i));
            } else if (!part.equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
