package org.cockroachdb.mesos.scheduler.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A pod being replaced (property {@code replacing:<task>}): the agent it leaves, and the cockroach
 * node id it had there, which is decommissioned once the pod runs again elsewhere (a dead node id
 * that is not decommissioned blocks later upgrades). Both are stored in one write, so neither is
 * ever known without the other. The resource ids of its confirmed reservations on that agent are
 * kept too: once the pod is relaunched elsewhere no task names them, and an uninstall must still wait
 * for them. Older schedulers stored the bare agent id, or no resource ids.
 */
record ReplaceIntent(String agentId, Optional<String> oldNodeId, List<String> resourceIds) {

    private static final ObjectMapper JSON = new ObjectMapper();

    ReplaceIntent {
        resourceIds = List.copyOf(resourceIds);
    }

    ReplaceIntent(String agentId, Optional<String> oldNodeId) {
        this(agentId, oldNodeId, List.of());
    }

    String encode() {
        ObjectNode out = JSON.createObjectNode().put("agentId", agentId);
        oldNodeId.ifPresent(id -> out.put("oldNodeId", id));
        if (!resourceIds.isEmpty()) {
            resourceIds.forEach(out.putArray("resourceIds")::add);
        }
        return out.toString();
    }

    static ReplaceIntent decode(String stored) {
        if (!stored.startsWith("{")) {
            return new ReplaceIntent(stored, Optional.empty());
        }
        try {
            JsonNode in = JSON.readTree(stored);
            List<String> ids = new ArrayList<>();
            in.path("resourceIds").forEach(n -> ids.add(n.asText()));
            return new ReplaceIntent(in.path("agentId").asText(), in.hasNonNull("oldNodeId")
                    ? Optional.of(in.get("oldNodeId").asText()) : Optional.empty(), ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored replace intent cannot be read: " + stored, e);
        }
    }
}
