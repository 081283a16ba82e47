package org.cockroachdb.mesos.scheduler.plan;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What the scheduler knows about one task, already distilled from state + last TaskStatus. */
public record ObservedTask(
        String taskName,
        String podName,
        Optional<String> state,
        long configRevision,
        boolean ready,
        String message) {

    /** Every Mesos 1.11 TaskState name. */
    static final Set<String> TASK_STATES = Set.of(
            "TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_FINISHED",
            "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_UNREACHABLE",
            "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_UNKNOWN");

    /**
     * @param state          last TaskState name, e.g. "TASK_RUNNING"; empty = launched, nothing heard yet
     * @param configRevision the target revision the task was launched with
     * @param ready          passed readiness on its current run
     * @param message        last status message, "" if none
     */
    public ObservedTask {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(podName, "podName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        state.ifPresent(s -> {
            if (!TASK_STATES.contains(s)) {
                throw new IllegalArgumentException("state of task " + taskName
                        + " must be a Mesos TaskState name such as TASK_RUNNING, got '" + s + "'");
            }
        });
    }
}
