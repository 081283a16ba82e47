package org.cockroachdb.mesos.testkit.emulator.probe;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * The executor's memory of its tasks and of every update the agent has not yet ACKNOWLEDGED: what it
 * must replay in a re-SUBSCRIBE, and what decides when it may exit. Used from one thread only.
 */
final class TaskLedger {
    private static final Set<TaskState> TERMINAL = EnumSet.of(
            TaskState.TASK_FINISHED, TaskState.TASK_FAILED, TaskState.TASK_KILLED, TaskState.TASK_ERROR,
            TaskState.TASK_DROPPED, TaskState.TASK_GONE, TaskState.TASK_LOST);

    private static final class Tracked {
        final TaskInfo info;
        final ProbeScript script;
        TaskState lastSent = TaskState.TASK_STAGING;
        boolean anyUpdateAcknowledged;

        Tracked(TaskInfo info, ProbeScript script) {
            this.info = info;
            this.script = script;
        }
    }

    private final Map<TaskID, Tracked> tasks = new LinkedHashMap<>();
    private final Map<ByteString, Call.Update> unacknowledged = new LinkedHashMap<>();

    boolean knows(TaskID id) {
        return tasks.containsKey(id);
    }

    void launched(TaskInfo task, ProbeScript script) {
        tasks.put(task.getTaskId(), new Tracked(task, script));
    }

    Optional<ProbeScript> script(TaskID id) {
        return Optional.ofNullable(tasks.get(id)).map(t -> t.script);
    }

    /** Recorded before the update is POSTed, so an ACKNOWLEDGED racing the 202 still finds it. */
    void sending(Call.Update update) {
        unacknowledged.put(update.getStatus().getUuid(), update);
        Tracked task = tasks.get(update.getStatus().getTaskId());
        if (task != null) {
            task.lastSent = update.getStatus().getState();
        }
    }

    /** Returns false for a uuid that is not (or no longer) waiting, which the agent may legitimately repeat. */
    boolean acknowledged(TaskID id, ByteString uuid) {
        Call.Update update = unacknowledged.remove(uuid);
        if (update == null) {
            return false;
        }
        Tracked task = tasks.get(id);
        if (task != null) {
            task.anyUpdateAcknowledged = true;
        }
        return true;
    }

    boolean isLive(TaskID id) {
        Tracked task = tasks.get(id);
        return task != null && !TERMINAL.contains(task.lastSent);
    }

    List<TaskID> liveTasks() {
        return tasks.keySet().stream().filter(this::isLive).toList();
    }

    List<Call.Update> unacknowledgedUpdates() {
        return new ArrayList<>(unacknowledged.values());
    }

    /**
     * Tasks none of whose updates the agent has acknowledged, as the Mesos executors define it: the
     * agent uses them to tell a task the executor knows about from one it never received.
     */
    List<TaskInfo> unacknowledgedTasks() {
        return tasks.values().stream().filter(t -> !t.anyUpdateAcknowledged).map(t -> t.info).toList();
    }

    boolean allUpdatesAcknowledged() {
        return unacknowledged.isEmpty();
    }

    /** Some task was launched, every task is terminal, and the agent has every update. */
    boolean allTasksDone() {
        return !tasks.isEmpty() && liveTasks().isEmpty() && unacknowledged.isEmpty();
    }
}
