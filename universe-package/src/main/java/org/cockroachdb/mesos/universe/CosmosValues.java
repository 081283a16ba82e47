package org.cockroachdb.mesos.universe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON values as Cosmos hands them to mustache, so a template written for Cosmos renders the same
 * here: strings JSON-escaped (so {@code "{{x}}"} stays a valid JSON string whatever x holds) with
 * their quotes dropped, except as array elements; integral numbers as whole numbers ({@code 1.0}
 * renders {@code 1}); other numbers as doubles; objects and arrays as maps and lists.
 */
final class CosmosValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CosmosValues() {
    }

    static Object of(JsonNode node) {
        return convert(node, false);
    }

    private static Object convert(JsonNode node, boolean arrayElement) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.put(field.getKey(), convert(field.getValue(), false));
            }
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(element -> out.add(convert(element, true)));
            return out;
        }
        if (node.isTextual()) {
            String quoted = quoted(node.textValue());
            return arrayElement ? quoted : quoted.substring(1, quoted.length() - 1);
        }
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0
                    ? value.toBigInteger()
                    : (Object) value.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string cannot be written as JSON", e);
        }
    }
}
