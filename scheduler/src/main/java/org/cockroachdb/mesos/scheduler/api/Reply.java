package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP answer, decided before anything is written: JSON (indented) or a one-line text reason.
 * {@code allow} is the Allow header of a 405.
 */
record Reply(int status, String contentType, byte[] body, Optional<String> allow) {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Arrays one element per line too, so that lists of names read (and diff) like everything else. */
    private static final ObjectWriter INDENTED = JSON.writer(
            new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, "application/json", INDENTED.writeValueAsBytes(body), Optional.empty());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static Reply json(JsonNode body) {
        return json(200, body);
    }

    /** {@code {"message": "..."}}: how commands answer, whatever the outcome. */
    static Reply message(int status, String message) {
        return json(status, JSON.createObjectNode().put("message", message));
    }

    /** A reason for the operator; control characters are flattened so it stays on one line. */
    static Reply text(int status, String reason) {
        String line = reason.replaceAll("\\p{Cntrl}", " ") + "\n";
        return new Reply(status, "text/plain;charset=utf-8", line.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    static Reply methodNotAllowed(String method, String path, List<String> allowed) {
        Reply text = text(405, "Method " + method + " not allowed on " + path + "; use " + String.join(" or ", allowed));
        return new Reply(405, text.contentType(), text.body(), Optional.of(String.join(", ", allowed)));
    }
}
