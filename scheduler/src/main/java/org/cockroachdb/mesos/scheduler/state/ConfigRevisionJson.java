package org.cockroachdb.mesos.scheduler.state;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A {@link ConfigRevision} as stored: {@code {"revision": n, "config": {...}}}. */
final class ConfigRevisionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigRevisionJson() {
    }

    /** The config in compact form. @throws IllegalArgumentException if it is not JSON */
    static String normalize(String configJson) {
        try {
            return JSON.writeValueAsString(JSON.readTree(configJson));
        } catch (IOException e) {
            throw new IllegalArgumentException("target config is not valid JSON: " + e.getMessage(), e);
        }
    }

    static byte[] encode(ConfigRevision revision) {
        try {
            ObjectNode node = JSON.createObjectNode();
            node.put("revision", revision.revision());
            node.set("config", JSON.readTree(revision.json()));
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalArgumentException("target config is not valid JSON", e);
        }
    }

    static ConfigRevision decode(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return new ConfigRevision(node.required("revision").asLong(),
                    JSON.writeValueAsString(node.required("config")));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("stored target config is not valid: " + e.getMessage(), e);
        }
    }
}
