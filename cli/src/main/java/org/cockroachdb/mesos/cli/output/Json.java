package org.cockroachdb.mesos.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.Optional;

/**
 * Reading and writing JSON. Jackson costs a few hundred milliseconds on first use, so it is
 * loaded only by commands that need to look inside a body (trees, progress, request bodies);
 * printing a body as is never touches it.
 */
public final class Json {

    private Json() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
        /** The scheduler's own layout: two spaces, arrays one element per line. */
        static final ObjectWriter INDENTED = MAPPER.writer(new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    }

    /** The body as JSON, or empty when it is not JSON (e.g. a one-line text reason). */
    public static Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        char first = body.strip().charAt(0);
        if (first != '{' && first != '[' && first != '"') {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Holder.MAPPER.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Indented, no trailing newline. */
    public static String write(Object value) {
        try {
            return Holder.INDENTED.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value.getClass().getName(), e);
        }
    }

    /** Compact, for request bodies. */
    public static String compact(Object value) {
        try {
            return Holder.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value.getClass().getName(), e);
        }
    }
}
