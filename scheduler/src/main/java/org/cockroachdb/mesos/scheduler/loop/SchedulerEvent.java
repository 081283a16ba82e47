package org.cockroachdb.mesos.scheduler.loop;

import java.util.concurrent.CompletableFuture;

import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.scheduler.SchedulerSession;
import org.cockroachdb.mesos.scheduler.api.CommandReply;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;

/** Everything the event loop handles, one at a time, in arrival order. */
sealed interface SchedulerEvent {

    record Subscribed(SchedulerSession session) implements SchedulerEvent {}

    record Received(Event event) implements SchedulerEvent {}

    record Disconnected(String reason) implements SchedulerEvent {}

    /** The loop's clock: retries, relaunch delays, revive/suppress. */
    record Tick() implements SchedulerEvent {}

    record Stop() implements SchedulerEvent {}

    /** Every node's {@code /_status/vars}, read for the cluster health gate. */
    record GateRead(java.util.List<org.cockroachdb.mesos.scheduler.cockroach.NodeVars> nodes) implements SchedulerEvent {}

    /** Every remaining node's {@code /_status/vars}, read for the health gate before a decommission. */
    record DecommissionGateRead(java.util.List<org.cockroachdb.mesos.scheduler.cockroach.NodeVars> nodes)
            implements SchedulerEvent {}

    /** Every node's {@code /_status/vars}, read for the health gate before an automatic finalization. */
    record UpgradeGateRead(java.util.List<org.cockroachdb.mesos.scheduler.cockroach.NodeVars> nodes)
            implements SchedulerEvent {}

    /** An operator's plan command from the API; answered through {@code reply}. */
    record PlanCommandGiven(String plan, PlanCommand command, CompletableFuture<CommandReply> reply)
            implements SchedulerEvent {}

    /** An operator's pod command from the API; answered through {@code reply}. */
    record PodCommandGiven(PodCommand command, CompletableFuture<CommandReply> reply) implements SchedulerEvent {}
}
