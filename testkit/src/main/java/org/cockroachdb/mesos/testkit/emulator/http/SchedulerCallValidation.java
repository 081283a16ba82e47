package org.cockroachdb.mesos.testkit.emulator.http;

import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.http.MesosUuid;

/** The master's structural checks of a scheduler Call (each failure is a 400). */
final class SchedulerCallValidation {
    private SchedulerCallValidation() {}

    static String invalidity(Call call) {
        if (!call.hasType() || call.getType() == Call.Type.UNKNOWN) {
            return "Expecting 'type' to be present";
        }
        if (call.getType() == Call.Type.SUBSCRIBE) {
            if (!call.hasSubscribe()) {
                return "Expecting 'subscribe' to be present";
            }
            boolean infoHasId = call.getSubscribe().getFrameworkInfo().hasId();
            if (infoHasId != call.hasFrameworkId() || (infoHasId
                    && !call.getFrameworkId().equals(call.getSubscribe().getFrameworkInfo().getId()))) {
                return "'framework_id' differs from 'subscribe.framework_info.id'";
            }
            return null;
        }
        if (!call.hasFrameworkId()) {
            return "Expecting 'framework_id' to be present";
        }
        String missing = switch (call.getType()) {
            case ACCEPT -> call.hasAccept() ? null : "accept";
            case DECLINE -> call.hasDecline() ? null : "decline";
            case ACCEPT_INVERSE_OFFERS -> call.hasAcceptInverseOffers() ? null : "accept_inverse_offers";
            case DECLINE_INVERSE_OFFERS -> call.hasDeclineInverseOffers() ? null : "decline_inverse_offers";
            case KILL -> call.hasKill() ? null : "kill";
            case SHUTDOWN -> call.hasShutdown() ? null : "shutdown";
            case ACKNOWLEDGE -> call.hasAcknowledge() ? null : "acknowledge";
            case ACKNOWLEDGE_OPERATION_STATUS -> call.hasAcknowledgeOperationStatus() ? null : "acknowledge_operation_status";
            case RECONCILE -> call.hasReconcile() ? null : "reconcile";
            case RECONCILE_OPERATIONS -> call.hasReconcileOperations() ? null : "reconcile_operations";
            case MESSAGE -> call.hasMessage() ? null : "message";
            case REQUEST -> call.hasRequest() ? null : "request";
            case UPDATE_FRAMEWORK -> call.hasUpdateFramework() ? null : "update_framework";
            default -> null;
        };
        if (missing != null) {
            return "Expecting '" + missing + "' to be present";
        }
        if (call.getType() == Call.Type.ACKNOWLEDGE && !MesosUuid.isValid(call.getAcknowledge().getUuid())) {
            return "Not a valid UUID";
        }
        if (call.getType() == Call.Type.ACKNOWLEDGE_OPERATION_STATUS
                && !MesosUuid.isValid(call.getAcknowledgeOperationStatus().getUuid())) {
            return "Not a valid UUID";
        }
        // 1.11 requires it (operation updates come from agents, never from resource providers alone)
        if (call.getType() == Call.Type.ACKNOWLEDGE_OPERATION_STATUS && !call.getAcknowledgeOperationStatus().hasAgentId()) {
            return "Expecting 'agent_id' to be present";
        }
        return null;
    }
}
