package org.cockroachdb.mesos.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pod status}: the service's pods by type, each instance with its tasks' states, e.g.
 * <pre>
 * cockroachdb
 * └─ cockroachdb
 *    ├─ cockroachdb-0
 *    │  └─ cockroachdb-0-node-init (RUNNING)
 *    └─ cockroachdb-1
 *       └─ cockroachdb-1-node-join (RUNNING)
 * </pre>
 * and for one pod its name over its tasks.
 */
public final class PodTree {

    private PodTree() {
    }

    /** From {@code GET /v1/pod/status}: {@code {"service","pods":[{"name","instances":[…]}]}}. */
    public static String renderAll(JsonNode status) {
        List<Tree> types = new ArrayList<>();
        for (JsonNode type : status.path("pods")) {
            List<Tree> instances = new ArrayList<>();
            type.path("instances").forEach(instance -> instances.add(instance(instance)));
            types.add(new Tree(type.path("name").asText(), instances));
        }
        return new Tree(status.path("service").asText(), types).render();
    }

    /** From {@code GET /v1/pod/<pod>/status}: {@code {"name","tasks":[{"id","name","status"}]}}. */
    public static String renderOne(JsonNode pod) {
        return instance(pod).render();
    }

    private static Tree instance(JsonNode pod) {
        List<Tree> tasks = new ArrayList<>();
        pod.path("tasks").forEach(t -> tasks.add(Tree.leaf(t.path("name").asText() + " (" + t.path("status").asText() + ")")));
        return new Tree(pod.path("name").asText(), tasks);
    }
}
