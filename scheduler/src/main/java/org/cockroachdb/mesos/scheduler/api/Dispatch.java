package org.cockroachdb.mesos.scheduler.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * From method and path to a {@link Reply}, with no HTTP server involved: finds the route, refuses
 * wrong methods and bad path parameters, then lets the route answer (queries from a view read
 * once for this request, commands through the event loop).
 */
final class Dispatch {

    private final List<Route> routes;
    private final Supplier<ServiceView> view;

    Dispatch(List<Route> routes, Supplier<ServiceView> view) {
        this.routes = List.copyOf(routes);
        this.view = view;
    }

    /**
     * @param path     the request path as sent, still percent-encoded
     * @param rawQuery the query string as sent, "" if none
     */
    Reply answer(String method, String path, String rawQuery, byte[] body) {
        List<String> segments;
        try {
            segments = RoutePath.segments(path);
        } catch (IllegalArgumentException e) {
            return Reply.text(400, "Bad percent-encoding in path " + path);
        }
        List<Route> shaped = routes.stream().filter(r -> r.match(segments).isPresent()).toList();
        if (shaped.isEmpty()) {
            return Reply.text(404, "No such endpoint: " + method + " " + path);
        }
        Optional<Route> route = shaped.stream().filter(r -> r.method().equals(method)).findFirst();
        if (route.isEmpty()) {
            return Reply.methodNotAllowed(method, path, shaped.stream().map(Route::method).distinct().toList());
        }
        Map<String, String> params = route.get().match(segments).orElseThrow();
        for (Map.Entry<String, String> p : params.entrySet()) {
            Optional<String> problem = RoutePath.problem(p.getKey(), p.getValue());
            if (problem.isPresent()) {
                return Reply.text(400, problem.get());
            }
        }
        return route.get().handler().answer(new Route.Call(method, path, params, rawQuery, body, view));
    }
}
