package org.cockroachdb.mesos.scheduler.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query string of a command: each accepted parameter at most once, non-empty; anything else
 * is refused naming the parameter, so a typo ({@code ?phse=}) never silently widens a command to
 * the whole plan.
 */
final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param rawQuery the query as sent, still percent-encoded; "" if none
     * @param accepted the parameter names this request takes, in the order to list them
     */
    static QueryParameters parse(String rawQuery, List<String> accepted, String request) throws BadRequest {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return new QueryParameters(values);
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), pair);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), pair);
            if (!accepted.contains(name)) {
                throw new BadRequest("Unknown query parameter '" + name + "' for " + request + "; "
                        + (accepted.isEmpty() ? "it takes none" : "it takes " + String.join(", ", accepted)));
            }
            if (values.containsKey(name)) {
                throw new BadRequest("Query parameter '" + name + "' is given more than once; give it once");
            }
            if (value.isEmpty()) {
                throw new BadRequest("Query parameter '" + name + "' is empty; give a " + name + " name or id, or leave it out");
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw new BadRequest("Query parameter '" + name + "' contains control characters; give a " + name + " name or id");
            }
            values.put(name, value);
        }
        return new QueryParameters(values);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    private static String decode(String encoded, String pair) throws BadRequest {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("Bad percent-encoding in query parameter '" + pair + "'");
        }
    }
}
