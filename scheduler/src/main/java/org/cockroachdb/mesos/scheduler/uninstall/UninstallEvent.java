package org.cockroachdb.mesos.scheduler.uninstall;

import java.util.concurrent.CompletableFuture;

import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.scheduler.SchedulerSession;
import org.cockroachdb.mesos.scheduler.api.CommandReply;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;

/** Everything the uninstall loop handles, one at a time, in arrival order. */
sealed interface UninstallEvent {

    record Subscribed(SchedulerSession session) implements UninstallEvent {}

    record Received(Event event) implements UninstallEvent {}

    record Disconnected(String reason) implements UninstallEvent {}

    /** Mesos no longer knows the framework (removed, e.g. its failover timeout expired). */
    record FrameworkGone(String message) implements UninstallEvent {}

    /** The loop's clock: kill retries, revives, a TEARDOWN not yet taken. */
    record Tick() implements UninstallEvent {}

    record Stop() implements UninstallEvent {}

    /** An operator's plan command from the API; answered through {@code reply}. */
    record PlanCommandGiven(String plan, PlanCommand command, CompletableFuture<CommandReply> reply)
            implements UninstallEvent {}
}
