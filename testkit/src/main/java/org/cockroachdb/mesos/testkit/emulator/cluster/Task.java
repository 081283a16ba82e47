package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import com.google.protobuf.ByteString;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.testkit.emulator.resources.Resources;

/**
 * A task, with both views Mesos keeps of it: the master's latest state and the agent's status
 * update stream (one update in flight until the scheduler acknowledges its exact uuid).
 */
final class Task {
    final TaskInfo info;
    final Framework framework;
    final Agent agent;
    final Executor executor; // null for command tasks run by the built-in executor
    final Resources resources;

    /** What the master believes: the agent's latest_state (frees resources as soon as it is terminal). */
    TaskState state = TaskState.TASK_STAGING;
    /** The last update sent to the scheduler; reconciliation answers with its state. */
    TaskStatus lastStatus;
    /** What the agent knows: the newest update it received, forwarded or not. */
    TaskState agentState = TaskState.TASK_STAGING;
    boolean sentToExecutor;

    final Deque<TaskStatus> pendingUpdates = new ArrayDeque<>();
    final Set<ByteString> seenUuids = new HashSet<>();
    ScheduledFuture<?> retry;
    long retryMillis;

    /** Run by the agent's built-in (command or DEFAULT) executor rather than a custom one. */
    boolean builtin;
    /** For built-in tasks: the command's process, once started. */
    Process commandProcess;
    boolean killRequested;
    /** Tasks launched together by LAUNCH_GROUP: one failing or killed kills the others. */
    java.util.List<Task> group = java.util.List.of();

    Task(TaskInfo info, Framework framework, Agent agent, Executor executor, Resources resources) {
        this.info = info;
        this.framework = framework;
        this.agent = agent;
        this.executor = executor;
        this.resources = resources;
    }

    String id() {
        return info.getTaskId().getValue();
    }

    String key() {
        return framework.id + "/" + id();
    }

    static boolean terminal(TaskState state) {
        return switch (state) {
            case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_DROPPED, TASK_GONE,
                    TASK_GONE_BY_OPERATOR, TASK_LOST -> true;
            default -> false;
        };
    }

    /** Whether the task still holds its resources in the master's eyes. */
    boolean holdsResources() {
        return !terminal(state);
    }
}
