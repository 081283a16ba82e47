package org.cockroachdb.mesos.scheduler.mesos;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.spec.StatusLabels;

/** What a TaskStatus tells about a node, as our executor reports it (see {@link StatusLabels}). */
public final class StatusReports {

    private static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
            TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED,
            TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

    private StatusReports() {
    }

    /** Whether the task is over for good: nothing more runs on its behalf. */
    public static boolean isTerminal(TaskState state) {
        return TERMINAL.contains(state);
    }

    /**
     * Readiness after this status: only a running task can be ready. A status that does not carry
     * the readiness label (the master's answers to reconciliation may not) leaves it as it was, and
     * so does an unreachable agent.
     */
    public static boolean ready(TaskStatus status, boolean wasReady) {
        if (status.getState() == TaskState.TASK_UNREACHABLE) {
            // The node may well still run; when its agent re-registers, the master reports it
            // RUNNING again without our executor's labels, and the executor only reports changes.
            return wasReady;
        }
        if (status.getState() != TaskState.TASK_RUNNING) {
            return false;
        }
        return label(status, StatusLabels.READINESS).map(StatusLabels.READINESS_PASSED::equals).orElse(wasReady);
    }

    public static Optional<String> nodeId(TaskStatus status) {
        return label(status, StatusLabels.NODE_ID);
    }

    /** Whether the executor ran `cockroach init` successfully (or found the cluster initialized). */
    public static boolean initializedCluster(TaskStatus status) {
        return label(status, StatusLabels.CLUSTER_INIT).map(StatusLabels.CLUSTER_INIT_DONE::equals).orElse(false);
    }

    private static Optional<String> label(TaskStatus status, String key) {
        return status.getLabels().getLabelsList().stream().filter(l -> l.getKey().equals(key))
                .map(Label::getValue).findFirst();
    }
}
