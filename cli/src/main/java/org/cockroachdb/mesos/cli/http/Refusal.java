package org.cockroachdb.mesos.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.cockroachdb.mesos.cli.output.Json;

/** What to tell the operator when the scheduler (or what stands before it) says no. */
public final class Refusal {

    /** The scheduler's own 404s name what it did not find; anything else means no scheduler answered. */
    private static final Pattern SCHEDULER_NOT_FOUND = Pattern.compile("(Plan|Pod|Phase|Step|Endpoint) .+ not found");
    private static final int MAX_REASON = 300;

    private Refusal() {
    }

    /** One line for a non-2xx answer. */
    public static String describe(Answer answer, String service) {
        String reason = reason(answer.body());
        return switch (answer.status()) {
            case 401, 403 -> "not authorized (" + answer.status() + ") by " + answer.uri()
                    + ": run `dcos auth login` and try again";
            case 404 -> SCHEDULER_NOT_FOUND.matcher(reason).matches() ? reason
                    : "service '" + service + "' not found or still starting (" + answer.uri() + ")";
            case 500, 502, 503, 504 -> "the scheduler is unavailable (" + answer.status() + ")"
                    + (reason.isEmpty() ? "" : ": " + reason);
            default -> reason.isEmpty() ? answer.method() + " " + answer.uri() + " answered " + answer.status()
                    : reason;
        };
    }

    /**
     * The reason in a body: {@code {"message": …}} as commands answer, else the text on one line
     * (a proxy's HTML page is cut short rather than dumped).
     */
    static String reason(String body) {
        String text = Json.parse(body)
                .filter(JsonNode::isObject)
                .map(n -> n.path("message"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::textValue)
                .orElse(body == null ? "" : body);
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "…" : line;
    }
}
