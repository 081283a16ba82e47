package org.cockroachdb.mesos.scheduler.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads NODE_PLACEMENT: a JSON array of Marathon constraints, {@code [[field, OPERATOR, value?], ...]}. */
final class PlacementRules {

    static final String ACCEPTED = "expected a JSON array of [field, operator(, value)] such as"
            + " [[\"hostname\",\"UNIQUE\"]], with operators UNIQUE, LIKE <regex>, UNLIKE <regex>,"
            + " MAX_PER <n>, GROUP_BY [<n>], CLUSTER <value>";
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlacementRules() {}

    static Reading<List<PlacementRule>> read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Reading.refused("not valid JSON; " + ACCEPTED);
        }
        if (root == null || !root.isArray()) {
            return Reading.refused(ACCEPTED);
        }
        List<PlacementRule> rules = new ArrayList<>();
        for (JsonNode constraint : root) {
            Reading<PlacementRule> rule = readOne(constraint);
            if (rule instanceof Reading.Refused<PlacementRule> refused) {
                return Reading.refused("constraint " + constraint + ": " + refused.why() + "; " + ACCEPTED);
            }
            rules.add(((Reading.Ok<PlacementRule>) rule).value());
        }
        return Reading.ok(List.copyOf(rules));
    }

    private static Reading<PlacementRule> readOne(JsonNode constraint) {
        if (!constraint.isArray() || constraint.size() < 2 || constraint.size() > 3) {
            return Reading.refused("not a [field, operator(, value)] array");
        }
        for (JsonNode part : constraint) {
            if (!part.isTextual() && !part.isIntegralNumber()) {
                return Reading.refused("parts must be strings");
            }
        }
        String field = constraint.get(0).asText();
        String operator = constraint.get(1).asText();
        String value = constraint.size() == 3 ? constraint.get(2).asText() : null;
        if (!FIELD.matcher(field).matches()) {
            return Reading.refused("field '" + field + "' is not hostname or an attribute name");
        }
        return switch (operator) {
            case "UNIQUE" -> value == null
                    ? Reading.ok(new PlacementRule.Unique(field))
                    : Reading.refused("UNIQUE takes no value");
            case "LIKE" -> regex(value).map(r -> new PlacementRule.Like(field, r));
            case "UNLIKE" -> regex(value).map(r -> new PlacementRule.Unlike(field, r));
            case "MAX_PER" -> positive(value, "MAX_PER").map(n -> new PlacementRule.MaxPer(field, n));
            case "GROUP_BY" -> value == null
                    ? Reading.ok(new PlacementRule.GroupBy(field, 0))
                    : positive(value, "GROUP_BY").map(n -> new PlacementRule.GroupBy(field, n));
            case "CLUSTER" -> value == null || value.isEmpty()
                    ? Reading.refused("CLUSTER needs a value")
                    : Reading.ok(new PlacementRule.Cluster(field, value));
            default -> Reading.refused("unknown operator '" + operator + "'");
        };
    }

    private static Reading<String> regex(String value) {
        if (value == null) {
            return Reading.refused("LIKE and UNLIKE need a regular expression");
        }
        try {
            Pattern.compile(value);
            return Reading.ok(value);
        } catch (PatternSyntaxException e) {
            return Reading.refused("'" + value + "' is not a regular expression");
        }
    }

    private static Reading<Integer> positive(String value, String operator) {
        String accepted = operator + " needs a whole number >= 1";
        if (value == null) {
            return Reading.refused(accepted);
        }
        try {
            int n = Integer.parseInt(value);
            return n >= 1 ? Reading.ok(n) : Reading.refused(accepted);
        } catch (NumberFormatException e) {
            return Reading.refused(accepted);
        }
    }
}
