package org.cockroachdb.mesos.scheduler.state;

import java.util.Objects;
import java.util.Optional;

import com.google.protobuf.ByteString;

/**
 * What the scheduler remembers about one task: the TaskInfo it launched (serialized, secrets
 * stripped when stored), the last TaskStatus it received (serialized), the cockroach node id once
 * known, and whether the task last passed its readiness check.
 */
public record TaskRecord(
        String taskName,
        ByteString taskInfo,
        Optional<ByteString> lastStatus,
        Optional<String> cockroachNodeId,
        boolean ready) {

    public TaskRecord {
        StatePaths.requireSegment("task name", taskName);
        Objects.requireNonNull(taskInfo, "taskInfo");
        Objects.requireNonNull(lastStatus, "lastStatus");
        Objects.requireNonNull(cockroachNodeId, "cockroachNodeId");
    }

    /** A task about to be launched: nothing heard from it yet. */
    public static TaskRecord launching(String taskName, ByteString taskInfo) {
        return new TaskRecord(taskName, taskInfo, Optional.empty(), Optional.empty(), false);
    }

    public TaskRecord withTaskInfo(ByteString info) {
        return new TaskRecord(taskName, info, lastStatus, cockroachNodeId, ready);
    }

    public TaskRecord withLastStatus(ByteString status) {
        return new TaskRecord(taskName, taskInfo, Optional.of(status), cockroachNodeId, ready);
    }

    public TaskRecord withCockroachNodeId(String nodeId) {
        return new TaskRecord(taskName, taskInfo, lastStatus, Optional.of(nodeId), ready);
    }

    public TaskRecord withReady(boolean isReady) {
        return new TaskRecord(taskName, taskInfo, lastStatus, cockroachNodeId, isReady);
    }
}
