package org.cockroachdb.mesos.scheduler.mesos;

import java.util.Collection;
import java.util.List;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** The scheduler calls we make, built from plain values. */
public final class SchedulerCalls {

    private SchedulerCalls() {
    }

    public static Call subscribe(FrameworkInfo framework) {
        Call.Builder b = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(framework));
        if (framework.hasId()) {
            b.setFrameworkId(framework.getId());
        }
        return b.build();
    }

    public static Call accept(String frameworkId, Collection<OfferID> offers, List<Offer.Operation> operations,
            double refuseSeconds) {
        return base(frameworkId, Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
                .addAllOfferIds(offers).addAllOperations(operations)
                .setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds))).build();
    }

    public static Call decline(String frameworkId, Collection<OfferID> offers, double refuseSeconds) {
        return base(frameworkId, Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addAllOfferIds(offers).setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds))).build();
    }

    public static Call acknowledge(String frameworkId, TaskStatus status) {
        return base(frameworkId, Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
                .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())).build();
    }

    /** A task to reconcile: its id and, when known, its agent. */
    public record KnownTask(TaskID taskId, java.util.Optional<AgentID> agentId) {}

    public static Call reconcile(String frameworkId, Collection<KnownTask> tasks) {
        Call.Reconcile.Builder r = Call.Reconcile.newBuilder();
        for (KnownTask t : tasks) {
            Call.Reconcile.Task.Builder task = Call.Reconcile.Task.newBuilder().setTaskId(t.taskId());
            t.agentId().ifPresent(task::setAgentId);
            r.addTasks(task);
        }
        return base(frameworkId, Call.Type.RECONCILE).setReconcile(r).build();
    }

    public static Call kill(String frameworkId, TaskID taskId, java.util.Optional<AgentID> agentId) {
        Call.Kill.Builder k = Call.Kill.newBuilder().setTaskId(taskId);
        agentId.ifPresent(k::setAgentId);
        return base(frameworkId, Call.Type.KILL).setKill(k).build();
    }

    public static Call revive(String frameworkId, String role) {
        return base(frameworkId, Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addRoles(role)).build();
    }

    public static Call suppress(String frameworkId, String role) {
        return base(frameworkId, Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder().addRoles(role)).build();
    }

    /** Ends the framework for good: Mesos kills its tasks and forgets its id (uninstall). */
    public static Call teardown(String frameworkId) {
        return base(frameworkId, Call.Type.TEARDOWN).build();
    }

    private static Call.Builder base(String frameworkId, Call.Type type) {
        return Call.newBuilder().setType(type).setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId));
    }
}
