package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;

/** An HTTP answer, decided before anything is written: JSON (indented) or a one-line text reason. */
record Reply(int status, String contentType, byte[] body) {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, "application/json", JSON.writeValueAsBytes(body));
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
