package org.cockroachdb.mesos.scheduler.loop;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.mesos.StatusReports;
import org.cockroachdb.mesos.scheduler.plan.ObservedTask;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/** What the stored task records say, read for the plans and the offer rounds. Pure. */
final class StoredTasks {

    private StoredTasks() {
    }

    static TaskInfo info(TaskRecord record) {
        return NodeTaskInfos.parse(record.taskInfo());
    }

    static Optional<TaskStatus> status(TaskRecord record) {
        return record.lastStatus().map(StoredTasks::parseStatus);
    }

    static Optional<TaskState> lastState(TaskRecord record) {
        return status(record).map(TaskStatus::getState);
    }

    /** The node runs and passed readiness: it serves. */
    static boolean isUp(TaskRecord record) {
        return record != null && record.ready() && lastState(record).equals(Optional.of(TaskState.TASK_RUNNING));
    }

    /** Never launch over a task that may still run: only when none was launched or it is over. */
    static boolean mayLaunch(TaskRecord record) {
        if (record == null) {
            return true;
        }
        return lastState(record).map(s -> StatusReports.isTerminal(s) || s == TaskState.TASK_UNKNOWN).orElse(false);
    }

    /**
     * The node id a (re)launched pod's record starts with. Only a launch on the volume the pod was
     * placed on is the same cockroach node; a fresh volume (a replace, or never placed) starts a new
     * node, whose id must be waited for: a removal that took the old id would decommission the dead
     * node and then kill the live one undecommissioned.
     */
    static Optional<String> nodeIdOnLaunch(String taskName, TaskRecord previous, Map<String, String> properties) {
        boolean reusesVolume = properties.containsKey(SchedulerLoop.PLACED_PROPERTY_PREFIX + taskName)
                && !properties.containsKey(SchedulerLoop.REPLACING_PROPERTY_PREFIX + taskName);
        return previous != null && reusesVolume ? previous.cockroachNodeId() : Optional.empty();
    }

    /** The record whose current TaskInfo has this task id; a status of an older run finds none. */
    static Optional<TaskRecord> byTaskId(Collection<TaskRecord> records, String taskId) {
        return records.stream().filter(r -> info(r).getTaskId().getValue().equals(taskId)).findFirst();
    }

    /** The TaskInfo each node pod last launched with, by pod index. */
    static Map<Integer, TaskInfo> launched(Collection<TaskRecord> records) {
        Map<Integer, TaskInfo> launched = new HashMap<>();
        for (TaskRecord record : records) {
            NodePods.indexOfTask(record.taskName()).ifPresent(i -> launched.put(i, info(record)));
        }
        return launched;
    }

    /** Each task as the plans see it. */
    static Map<String, ObservedTask> observed(Collection<TaskRecord> records) {
        Map<String, ObservedTask> observed = new HashMap<>();
        for (TaskRecord record : records) {
            Optional<TaskStatus> status = status(record);
            observed.put(record.taskName(), new ObservedTask(record.taskName(),
                    NodePods.indexOfTask(record.taskName()).map(NodePods::podName).orElse(record.taskName()),
                    status.map(s -> s.getState().name()), NodeTaskInfos.revision(info(record)), record.ready(),
                    status.map(TaskStatus::getMessage).orElse("")));
        }
        return observed;
    }

    static TaskStatus parseStatus(ByteString bytes) {
        try {
            return TaskStatus.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored TaskStatus cannot be read: " + e.getMessage(), e);
        }
    }
}
