package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code POST /v1/plans/<plan>/start}: nothing, or a JSON object of string values,
 * e.g. {@code {"DATABASE_NAME":"bank"}}. Values may be credentials, so no reason ever quotes the
 * body; reasons name the field instead. (Names are checked by the plan, which owns that rule.)
 */
final class StartParameters {

    private static final String PREFIX = "Couldn't parse parameters: ";
    private static final String ACCEPTED = "send a JSON object of string values, e.g. {\"DATABASE_NAME\":\"bank\"}";
    /** Jackson's words for STRICT_DUPLICATE_DETECTION, followed by the name and a closing quote. */
    private static final String DUPLICATE = "Duplicate field '";
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Keep the body's text out of parser messages: it may hold secrets.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private StartParameters() {
    }

    static Map<String, String> parse(byte[] body) throws BadRequest {
        Map<String, String> out = new TreeMap<>();
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return out;
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith(DUPLICATE) && message.endsWith("'")) {
                // A name is no secret; say which one.
                String name = message.substring(DUPLICATE.length(), message.length() - 1);
                throw new BadRequest(PREFIX + "'" + name + "' is given twice; give each parameter once");
            }
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new BadRequest(PREFIX + "the body is not valid JSON" + where + "; " + ACCEPTED);
        } catch (IOException e) {
            throw new BadRequest(PREFIX + "the body cannot be read: " + e.getMessage());
        }
        if (!tree.isObject()) {
            throw new BadRequest(PREFIX + "the body is " + kind(tree) + "; " + ACCEPTED);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new BadRequest(PREFIX + "the value of '" + field.getKey() + "' is " + kind(field.getValue())
                        + "; parameter values must be strings");
            }
            out.put(field.getKey(), field.getValue().textValue());
        }
        return out;
    }

    /** "a number", "an array", "null" … */
    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a JSON array";
            case OBJECT -> "a JSON object";
            case NULL -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
