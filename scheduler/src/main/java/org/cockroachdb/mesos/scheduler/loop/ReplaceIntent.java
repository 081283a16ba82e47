package org.cockroachdb.mesos.scheduler.loop;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pod being replaced (property {@code replacing:<task>}): the agent it leaves, and the cockroach
 * node id it had there, which is decommissioned once the pod runs again elsewhere (a dead node id
 * that is not decommissioned blocks later upgrades). Both are stored in one write, so neither is
 * ever known without the other. Older schedulers stored the bare agent id.
 */
record ReplaceIntent(String agentId, Optional<String> oldNodeId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String encode() {
        ObjectNode out = JSON.createObjectNode().put("agentId", agentId);
        oldNodeId.ifPresent(id -> out.put("oldNodeId", id));
        return out.toString();
    }

    static ReplaceIntent decode(String stored) {
        if (!stored.startsWith("{")) {
            return new ReplaceIntent(stored, Optional.empty());
        }
        try {
            JsonNode in = JSON.readTree(stored);
            return new ReplaceIntent(in.path("agentId").asText(), in.hasNonNull("oldNodeId")
                    ? Optional.of(in.get("oldNodeId").asText()) : Optional.empty());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored replace intent cannot be read: " + stored, e);
        }
    }
}
