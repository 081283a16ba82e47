package org.cockroachdb.mesos.scheduler.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How far the removal of one pod has gone, stored (property {@code decommission:<task>}) before
 * the step it allows is taken, so a scheduler that restarts anywhere picks up where it was:
 * <ol>
 * <li>{@link Stage#DECOMMISSIONING}: the health gate passed and the node was chosen; its
 *     decommission job runs (again) until it finishes. The node is still needed.</li>
 * <li>{@link Stage#DECOMMISSIONED}: the job finished, so the node holds no data; its task may be
 *     killed.</li>
 * <li>{@link Stage#UNRESERVING}: the task is over and its record is (being) forgotten; its
 *     reservations are orphans the offer rounds DESTROY and UNRESERVE. Remembers where they are.</li>
 * <li>{@link Stage#DONE}: nothing of the pod is left; kept so the plan shows it.</li>
 * </ol>
 * No record means nothing was started: the pod still waits for the health gate.
 *
 * @param nodeId      the cockroach node id decommissioned; empty when the node never reported one
 * @param agentId     where its reservations are (from UNRESERVING on)
 * @param executorId  its executor, whose exit frees the executor's reservations
 * @param resourceIds the resource_id labels and persistence id of its reservations and volume
 */
record DecommissionRecord(Stage stage, Optional<String> nodeId, Optional<String> agentId, Optional<String> executorId,
        List<String> resourceIds) {

    enum Stage { DECOMMISSIONING, DECOMMISSIONED, UNRESERVING, DONE }

    private static final ObjectMapper JSON = new ObjectMapper();

    DecommissionRecord {
        resourceIds = List.copyOf(resourceIds);
    }

    static DecommissionRecord decommissioning(Optional<String> nodeId) {
        return new DecommissionRecord(Stage.DECOMMISSIONING, nodeId, Optional.empty(), Optional.empty(), List.of());
    }

    DecommissionRecord at(Stage next) {
        return new DecommissionRecord(next, nodeId, agentId, executorId, resourceIds);
    }

    DecommissionRecord unreserving(String agent, String executor, List<String> ids) {
        return new DecommissionRecord(Stage.UNRESERVING, nodeId, Optional.of(agent), Optional.of(executor), ids);
    }

    String encode() {
        ObjectNode out = JSON.createObjectNode().put("stage", stage.name());
        nodeId.ifPresent(v -> out.put("nodeId", v));
        agentId.ifPresent(v -> out.put("agentId", v));
        executorId.ifPresent(v -> out.put("executorId", v));
        resourceIds.forEach(out.putArray("resourceIds")::add);
        return out.toString();
    }

    static DecommissionRecord decode(String json) {
        try {
            JsonNode in = JSON.readTree(json);
            List<String> ids = new ArrayList<>();
            in.path("resourceIds").forEach(n -> ids.add(n.asText()));
            return new DecommissionRecord(Stage.valueOf(in.path("stage").asText()), text(in, "nodeId"),
                    text(in, "agentId"), text(in, "executorId"), ids);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored decommission record cannot be read: " + json, e);
        }
    }

    private static Optional<String> text(JsonNode in, String field) {
        return in.hasNonNull(field) ? Optional.of(in.get(field).asText()) : Optional.empty();
    }
}
