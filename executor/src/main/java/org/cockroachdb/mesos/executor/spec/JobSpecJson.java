package org.cockroachdb.mesos.executor.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** The job spec's JSON form; every refusal names its field. */
final class JobSpecJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> KINDS = List.of(JobSpec.CockroachCommand.KIND);
    private static final List<String> COCKROACH_FIELDS = List.of(JobSpec.KIND_FIELD, "cockroachBinary", "args");

    private JobSpecJson() {}

    static JobSpec read(byte[] data) {
        JsonNode root;
        try {
            root = MAPPER.readTree(data == null ? new byte[0] : data);
        } catch (IOException e) {
            throw new InvalidLaunchSpecException("the job spec is not valid JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject() || !root.path(JobSpec.KIND_FIELD).isTextual()) {
            throw new InvalidLaunchSpecException("the job spec must be a JSON object whose \"job\" is one of " + KINDS);
        }
        String kind = root.get(JobSpec.KIND_FIELD).textValue();
        if (kind.equals(JobSpec.CockroachCommand.KIND)) {
            onlyKnown(root, COCKROACH_FIELDS);
            return new JobSpec.CockroachCommand(text(root, "cockroachBinary"), strings(root, "args"));
        }
        throw new InvalidLaunchSpecException("job must be one of " + KINDS + ", got '" + kind + "'");
    }

    static byte[] write(JobSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        if (spec instanceof JobSpec.CockroachCommand c) {
            root.put(JobSpec.KIND_FIELD, JobSpec.CockroachCommand.KIND);
            root.put("cockroachBinary", c.cockroachBinary());
            c.args().forEach(root.putArray("args")::add);
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static void onlyKnown(JsonNode object, List<String> known) {
        Set<String> allowed = Set.copyOf(known);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidLaunchSpecException(name + " is not a job spec field; accepted: " + known);
            }
        }
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isTextual()) {
            throw new InvalidLaunchSpecException(name + " must be a JSON string, got " + value);
        }
        return value.textValue();
    }

    private static List<String> strings(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isArray()) {
            throw new InvalidLaunchSpecException(name + " must be a JSON array of strings, got " + value);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidLaunchSpecException(name + " must be a JSON array of strings, got " + item);
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("").strip();
    }
}
