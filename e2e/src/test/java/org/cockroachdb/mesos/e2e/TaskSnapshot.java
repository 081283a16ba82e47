package org.cockroachdb.mesos.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One entry of {@code /v1/pod/<pod>/info}, reduced to what the suites compare.
 *
 * @param resourceIds    the {@code resource_id} reservation labels of the task's resources
 * @param unlabelled     names of task resources that carry no {@code resource_id} label
 * @param persistenceIds the persistent volumes' ids
 * @param statusUuid     the latest status's uuid (a new update has a new one), or "" if none
 * @param statusLabels   the latest status's labels
 */
record TaskSnapshot(String name, String taskId, String agentId, String state, Set<String> resourceIds,
                    List<String> unlabelled, Set<String> persistenceIds, String statusUuid,
                    Map<String, String> statusLabels) {

    static List<TaskSnapshot> allOf(JsonNode podInfo) {
        List<TaskSnapshot> out = new ArrayList<>();
        podInfo.forEach(e -> out.add(of(e.path("info"), e.path("status"))));
        return out;
    }

    static TaskSnapshot of(JsonNode info, JsonNode status) {
        Set<String> ids = new TreeSet<>();
        List<String> unlabelled = new ArrayList<>();
        Set<String> persistence = new TreeSet<>();
        for (JsonNode r : info.path("resources")) {
            String id = resourceId(r);
            if (id == null) {
                unlabelled.add(r.path("name").asText());
            } else {
                ids.add(id);
            }
            JsonNode p = r.path("disk").path("persistence").path("id");
            if (!p.isMissingNode()) {
                persistence.add(p.asText());
            }
        }
        Map<String, String> labels = new TreeMap<>();
        status.path("labels").path("labels").forEach(l -> labels.put(l.path("key").asText(), l.path("value").asText()));
        return new TaskSnapshot(info.path("name").asText(), info.path("taskId").path("value").asText(),
                info.path("agentId").path("value").asText(), status.path("state").asText(""), ids, unlabelled,
                persistence, status.path("uuid").asText(""), labels);
    }

    /** The resource's {@code resource_id} reservation label (on its last, i.e. our, reservation), or null. */
    private static String resourceId(JsonNode resource) {
        String found = null;
        for (JsonNode reservation : resource.path("reservations")) {
            for (JsonNode label : reservation.path("labels").path("labels")) {
                if (label.path("key").asText().equals("resource_id")) {
                    found = label.path("value").asText();
                }
            }
        }
        return found;
    }

    boolean running() {
        return state.equals("TASK_RUNNING");
    }
}
