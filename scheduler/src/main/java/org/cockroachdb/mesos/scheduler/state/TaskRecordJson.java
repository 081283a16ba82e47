package org.cockroachdb.mesos.scheduler.state;

import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;

/** A {@link TaskRecord} as the JSON stored in its znode (protobuf payloads in base64). */
final class TaskRecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TaskRecordJson() {
    }

    static byte[] encode(TaskRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("taskName", record.taskName());
        node.put("taskInfo", base64(record.taskInfo()));
        record.lastStatus().ifPresent(status -> node.put("lastStatus", base64(status)));
        record.cockroachNodeId().ifPresent(id -> node.put("cockroachNodeId", id));
        node.put("ready", record.ready());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON for " + record.taskName(), e);
        }
    }

    static TaskRecord decode(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            return new TaskRecord(
                    node.required("taskName").asText(),
                    unbase64(node.required("taskInfo").asText()),
                    Optional.ofNullable(node.get("lastStatus")).map(n -> unbase64(n.asText())),
                    Optional.ofNullable(node.get("cockroachNodeId")).map(JsonNode::asText),
                    node.path("ready").asBoolean(false));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("stored task record is not valid: " + e.getMessage(), e);
        }
    }

    private static String base64(ByteString bytes) {
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static ByteString unbase64(String text) {
        return ByteString.copyFrom(Base64.getDecoder().decode(text));
    }
}
