package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /v1/pod}, {@code /v1/pod/status}, {@code /v1/pod/{pod}/status}, {@code /v1/pod/{pod}/info}. */
final class PodQueries {

    private static final String TASK_STATE_PREFIX = "TASK_";

    private PodQueries() {
    }

    static Reply names(ServiceView view) {
        ArrayNode names = Reply.JSON.createArrayNode();
        view.pods().stream().map(PodView::name).sorted().forEach(names::add);
        return Reply.json(names);
    }

    /** Every pod instance grouped by pod type, in the view's (index) order. */
    static Reply statusOfAll(ServiceView view) {
        Map<String, ArrayNode> instancesByType = new LinkedHashMap<>();
        for (PodView pod : view.pods()) {
            instancesByType.computeIfAbsent(pod.type(), t -> Reply.JSON.createArrayNode()).add(status(pod));
        }
        ObjectNode out = Reply.JSON.createObjectNode();
        out.put("service", view.serviceName());
        ArrayNode pods = out.putArray("pods");
        instancesByType.forEach((type, instances) -> {
            ObjectNode p = pods.addObject();
            p.put("name", type);
            p.set("instances", instances);
        });
        return Reply.json(out);
    }

    static Reply status(ServiceView view, String podName) {
        return view.pod(podName)
                .map(pod -> Reply.json(status(pod)))
                .orElseGet(() -> notFound(podName));
    }

    /** TaskInfo and last TaskStatus of each task, embedded as JSON objects, not as strings. */
    static Reply info(ServiceView view, String podName) {
        return view.pod(podName)
                .map(pod -> {
                    ArrayNode out = Reply.JSON.createArrayNode();
                    for (TaskView task : pod.tasks()) {
                        ObjectNode t = out.addObject();
                        t.set("info", embedded(task.taskInfoJson(), task.name(), "TaskInfo"));
                        task.taskStatusJson().ifPresent(s -> t.set("status", embedded(s, task.name(), "TaskStatus")));
                    }
                    return Reply.json(out);
                })
                .orElseGet(() -> notFound(podName));
    }

    /** {@code {"name","tasks":[{"id","name","status"}]}}; a task nothing was heard of yet is left out. */
    private static ObjectNode status(PodView pod) {
        ObjectNode out = Reply.JSON.createObjectNode();
        out.put("name", pod.name());
        ArrayNode tasks = out.putArray("tasks");
        for (TaskView task : pod.tasks()) {
            task.state().ifPresent(state -> tasks.addObject()
                    .put("id", task.id())
                    .put("name", task.name())
                    .put("status", state.startsWith(TASK_STATE_PREFIX) ? state.substring(TASK_STATE_PREFIX.length()) : state));
        }
        return out;
    }

    private static JsonNode embedded(String json, String task, String what) {
        try {
            return Reply.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // The event loop renders these with JsonFormat; failing here means a bug there.
            throw new IllegalStateException(what + " of task " + task + " in the view is not JSON", e);
        }
    }

    private static Reply notFound(String podName) {
        return Reply.text(404, "Pod " + podName + " not found");
    }
}
