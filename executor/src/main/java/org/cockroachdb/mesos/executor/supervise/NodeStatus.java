package org.cockroachdb.mesos.executor.supervise;

import java.util.Optional;
import java.util.OptionalInt;
import org.apache.mesos.v1.Protos.CheckStatusInfo;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.spec.StatusLabels;

/**
 * What the executor knows about its node, and the TaskStatus that says it. Every update carries
 * all of it, so the scheduler needs only the latest status.
 */
public record NodeStatus(TaskID taskId, Readiness readiness, OptionalInt nodeId, boolean clusterInitDone,
                         Optional<Boolean> healthy) {

    public static NodeStatus initial(TaskID taskId) {
        return new NodeStatus(taskId, Readiness.PENDING, OptionalInt.empty(), false, Optional.empty());
    }

    public NodeStatus withReadiness(Readiness value) {
        return new NodeStatus(taskId, value, nodeId, clusterInitDone, healthy);
    }

    public NodeStatus withNodeId(int value) {
        return new NodeStatus(taskId, readiness, OptionalInt.of(value), clusterInitDone, healthy);
    }

    public NodeStatus withClusterInitDone() {
        return new NodeStatus(taskId, readiness, nodeId, true, healthy);
    }

    public NodeStatus withHealthy(Optional<Boolean> value) {
        return new NodeStatus(taskId, readiness, nodeId, clusterInitDone, value);
    }

    /** An update in {@code state} with the labels and health known now. */
    public TaskStatus.Builder toStatus(TaskState state, String message) {
        TaskStatus.Builder b = TaskStatus.newBuilder().setTaskId(taskId).setState(state).setLabels(labels());
        if (message != null && !message.isEmpty()) {
            b.setMessage(message);
        }
        healthy.ifPresent(b::setHealthy);
        return b;
    }

    /** A readiness change: the HTTP check's result, with REASON_TASK_CHECK_STATUS_UPDATED. */
    public TaskStatus readinessUpdate(int httpStatusCode) {
        CheckStatusInfo.Http.Builder http = CheckStatusInfo.Http.newBuilder();
        if (httpStatusCode > 0) {
            http.setStatusCode(httpStatusCode);
        }
        return toStatus(TaskState.TASK_RUNNING, "readiness " + readiness.label())
                .setReason(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED)
                .setCheckStatus(CheckStatusInfo.newBuilder().setType(CheckInfo.Type.HTTP).setHttp(http))
                .build();
    }

    /** A health change, with REASON_TASK_HEALTH_CHECK_STATUS_UPDATED. */
    public TaskStatus healthUpdate(String message) {
        return toStatus(TaskState.TASK_RUNNING, message)
                .setReason(TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED)
                .build();
    }

    Labels labels() {
        Labels.Builder labels = Labels.newBuilder().addLabels(label(StatusLabels.READINESS, readiness.label()));
        nodeId.ifPresent(id -> labels.addLabels(label(StatusLabels.NODE_ID, String.valueOf(id))));
        if (clusterInitDone) {
            labels.addLabels(label(StatusLabels.CLUSTER_INIT, StatusLabels.CLUSTER_INIT_DONE));
        }
        return labels.build();
    }

    private static Label label(String key, String value) {
        return Label.newBuilder().setKey(key).setValue(value).build();
    }
}
