package org.cockroachdb.mesos.testkit.emulator.http;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.cockroachdb.mesos.http.MesosUuid;

/**
 * The agent's checks of an executor Call, made before it looks the executor up (so an invalid
 * UPDATE is a 400 even before SUBSCRIBE, never a 403). Each failure is a 400.
 */
final class ExecutorCallValidation {
    private ExecutorCallValidation() {}

    static String invalidity(Call call) {
        if (!call.hasType() || call.getType() == Call.Type.UNKNOWN) {
            return "Expecting 'type' to be present";
        }
        if (!call.hasExecutorId()) {
            return "Expecting 'executor_id' to be present";
        }
        if (!call.hasFrameworkId()) {
            return "Expecting 'framework_id' to be present";
        }
        return switch (call.getType()) {
            case SUBSCRIBE -> call.hasSubscribe() ? null : "Expecting 'subscribe' to be present";
            case UPDATE -> call.hasUpdate() ? updateInvalidity(call) : "Expecting 'update' to be present";
            case MESSAGE -> call.hasMessage() ? null : "Expecting 'message' to be present";
            default -> null;
        };
    }

    private static String updateInvalidity(Call call) {
        TaskStatus status = call.getUpdate().getStatus();
        String executor = call.getExecutorId().getValue();
        if (!status.hasUuid()) {
            return "Expecting 'uuid' to be present";
        }
        if (!MesosUuid.isValid(status.getUuid())) {
            return "Not a valid UUID";
        }
        if (status.hasExecutorId() && !status.getExecutorId().getValue().equals(executor)) {
            return "ExecutorID in Call: " + executor + " does not match ExecutorID in TaskStatus: "
                    + status.getExecutorId().getValue();
        }
        if (status.getSource() != TaskStatus.Source.SOURCE_EXECUTOR) {
            return "Received Call from executor " + executor + " of framework " + call.getFrameworkId().getValue()
                    + " with invalid source, expecting 'SOURCE_EXECUTOR'";
        }
        if (status.getState() == TaskState.TASK_STAGING) {
            return "Received TASK_STAGING from executor " + executor + " of framework "
                    + call.getFrameworkId().getValue() + " which is not allowed";
        }
        return null;
    }
}
