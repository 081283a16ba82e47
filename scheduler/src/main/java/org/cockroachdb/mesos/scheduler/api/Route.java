package org.cockroachdb.mesos.scheduler.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One endpoint: a method, a path template such as {@code /v1/pod/{pod}/status}, and what answers
 * it. Queries (GET) answer from a view; commands (POST) hand the command to the event loop.
 */
record Route(String method, String template, Handler handler) {

    static final String GET = "GET";
    static final String POST = "POST";

    /** Answers a read from the view, read once for this request. */
    interface Query {
        Reply answer(ServiceView view, Map<String, String> params);
    }

    interface Handler {
        Reply answer(Call call);
    }

    /**
     * One request as a route sees it.
     *
     * @param params   path parameters, decoded and already checked
     * @param rawQuery the query string as sent (still percent-encoded), "" if none
     * @param body     the request body, empty if none
     */
    record Call(String method, String path, Map<String, String> params, String rawQuery, byte[] body,
                Supplier<ServiceView> view) {

        /** {@code POST /v1/plans/deploy/stop}: how replies name the request. */
        String request() {
            return method + " " + path;
        }
    }

    static Route get(String template, Query query) {
        return new Route(GET, template, call -> query.answer(call.view().get(), call.params()));
    }

    static Route post(String template, Handler handler) {
        return new Route(POST, template, handler);
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
