package org.cockroachdb.mesos.scheduler.loop;

import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.scheduler.SchedulerSession;

/** Everything the event loop handles, one at a time, in arrival order. */
sealed interface SchedulerEvent {

    record Subscribed(SchedulerSession session) implements SchedulerEvent {}

    record Received(Event event) implements SchedulerEvent {}

    record Disconnected(String reason) implements SchedulerEvent {}

    /** The loop's clock: retries, relaunch delays, revive/suppress. */
    record Tick() implements SchedulerEvent {}

    record Stop() implements SchedulerEvent {}
}
