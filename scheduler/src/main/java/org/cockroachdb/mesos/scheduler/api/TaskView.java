package org.cockroachdb.mesos.scheduler.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One launched task.
 *
 * @param id             the Mesos task id
 * @param name           the task name, e.g. {@code cockroachdb-0-node-init}
 * @param state          last TaskState name, e.g. "TASK_RUNNING"; empty if no status was heard yet
 * @param taskInfoJson   the TaskInfo as protobuf JsonFormat output, secrets already removed
 * @param taskStatusJson the last TaskStatus as protobuf JsonFormat output
 */
public record TaskView(String id, String name, Optional<String> state, String taskInfoJson, Optional<String> taskStatusJson) {

    public TaskView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(taskInfoJson, "taskInfoJson");
        Objects.requireNonNull(taskStatusJson, "taskStatusJson");
    }
}
