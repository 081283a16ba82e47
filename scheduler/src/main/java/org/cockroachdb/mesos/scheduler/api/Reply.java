package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;

/** An HTTP answer, decided before anything is written: JSON (indented) or a one-line text reason. */
record Reply(int status, String contentType, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Arrays one element per line too, so that lists of names read (and diff) like everything else. */
    private static final ObjectWriter INDENTED = JSON.writer(
            new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, "application/json", INDENTED.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static Reply json(JsonNode body) {
        return json(200, body);
    }

    /** A reason for the operator; control characters are flattened so it stays on one line. */
    static Reply text(int status, String reason) {
        String line = reason.replaceAll("\\p{Cntrl}", " ") + "\n";
        return new Reply(status, "text/plain;charset=utf-8", line.getBytes(StandardCharsets.UTF_8));
    }
}
