package org.cockroachdb.mesos.executor.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The launch spec's JSON form, read by hand so every refusal names its field: missing, of the
 * wrong type, or unknown (a field the executor would silently ignore is a scheduler bug).
 */
final class LaunchSpecJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final List<String> FIELDS = List.of("cockroachBinary", "expectedVersion", "storeDir", "listenHost",
            "advertiseHost", "rpcPort", "httpPort", "join", "cacheBytes", "maxSqlMemoryBytes", "security",
            "initCluster", "checks");
    private static final List<String> CHECK_FIELDS = List.of("readinessIntervalMillis", "healthIntervalMillis",
            "healthGracePeriodMillis", "healthMaxFailures", "checkTimeoutMillis");

    private LaunchSpecJson() {}

    static LaunchSpec read(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json == null ? new byte[0] : json);
        } catch (IOException e) {
            throw new InvalidLaunchSpecException("the launch spec is not valid JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidLaunchSpecException("the launch spec must be a JSON object with the fields " + FIELDS);
        }
        onlyKnown(root, FIELDS, "");
        JsonNode checks = field(root, "checks", "");
        if (!checks.isObject()) {
            throw new InvalidLaunchSpecException("checks must be an object with the fields " + CHECK_FIELDS);
        }
        onlyKnown(checks, CHECK_FIELDS, "checks.");
        LaunchSpec.Checks parsedChecks = new LaunchSpec.Checks(
                millis(checks, "readinessIntervalMillis"),
                millis(checks, "healthIntervalMillis"),
                millis(checks, "healthGracePeriodMillis"),
                integer(checks, "healthMaxFailures", "checks."),
                millis(checks, "checkTimeoutMillis"));
        return new LaunchSpec(
                text(root, "cockroachBinary"),
                text(root, "expectedVersion"),
                text(root, "storeDir"),
                text(root, "listenHost"),
                text(root, "advertiseHost"),
                integer(root, "rpcPort", ""),
                integer(root, "httpPort", ""),
                strings(root, "join"),
                longValue(root, "cacheBytes", ""),
                longValue(root, "maxSqlMemoryBytes", ""),
                security(root),
                bool(root, "initCluster"),
                parsedChecks);
    }

    static byte[] write(LaunchSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("cockroachBinary", spec.cockroachBinary());
        root.put("expectedVersion", spec.expectedVersion());
        root.put("storeDir", spec.storeDir());
        root.put("listenHost", spec.listenHost());
        root.put("advertiseHost", spec.advertiseHost());
        root.put("rpcPort", spec.rpcPort());
        root.put("httpPort", spec.httpPort());
        ArrayNode join = root.putArray("join");
        spec.join().forEach(join::add);
        root.put("cacheBytes", spec.cacheBytes());
        root.put("maxSqlMemoryBytes", spec.maxSqlMemoryBytes());
        root.put("security", spec.security().name());
        root.put("initCluster", spec.initCluster());
        ObjectNode checks = root.putObject("checks");
        LaunchSpec.Checks c = spec.checks();
        checks.put("readinessIntervalMillis", c.readinessInterval().toMillis());
        checks.put("healthIntervalMillis", c.healthInterval().toMillis());
        checks.put("healthGracePeriodMillis", c.healthGracePeriod().toMillis());
        checks.put("healthMaxFailures", c.healthMaxFailures());
        checks.put("checkTimeoutMillis", c.checkTimeout().toMillis());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static void onlyKnown(JsonNode object, List<String> known, String prefix) {
        Set<String> allowed = Set.copyOf(known);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidLaunchSpecException(prefix + name + " is not a launch spec field; accepted: " + known);
            }
        }
    }

    private static JsonNode field(JsonNode object, String name, String prefix) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidLaunchSpecException(prefix + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = field(object, name, "");
        if (!value.isTextual()) {
            throw new InvalidLaunchSpecException(name + " must be a JSON string, got " + value);
        }
        return value.textValue();
    }

    private static int integer(JsonNode object, String name, String prefix) {
        JsonNode value = field(object, name, prefix);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new InvalidLaunchSpecException(prefix + name + " must be a whole number, got " + value);
        }
        return value.intValue();
    }

    private static long longValue(JsonNode object, String name, String prefix) {
        JsonNode value = field(object, name, prefix);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidLaunchSpecException(prefix + name + " must be a whole number, got " + value);
        }
        return value.longValue();
    }

    private static Duration millis(JsonNode checks, String name) {
        return Duration.ofMillis(longValue(checks, name, "checks."));
    }

    private static boolean bool(JsonNode object, String name) {
        JsonNode value = field(object, name, "");
        if (!value.isBoolean()) {
            throw new InvalidLaunchSpecException(name + " must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode object, String name) {
        JsonNode value = field(object, name, "");
        if (!value.isArray()) {
            throw new InvalidLaunchSpecException(name + " must be a JSON array of host:port strings, got " + value);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidLaunchSpecException(name + " must be a JSON array of host:port strings, got " + item);
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static LaunchSpec.SecurityMode security(JsonNode object) {
        String value = text(object, "security");
        try {
            return LaunchSpec.SecurityMode.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidLaunchSpecException("security must be one of "
                    + List.of(LaunchSpec.SecurityMode.values()) + ", got '" + value + "'");
        }
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("").strip();
    }
}
