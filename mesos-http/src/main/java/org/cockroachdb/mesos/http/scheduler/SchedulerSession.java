package org.cockroachdb.mesos.http.scheduler;

import java.net.URI;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One live subscription: where the stream is and how calls must identify themselves.
 *
 * @param endpoint   the scheduler API of the master that holds the stream (after any 307s)
 * @param streamId   the {@code Mesos-Stream-Id} every other call must carry
 * @param subscribed the SUBSCRIBED event (framework id, heartbeat interval, master info)
 */
public record SchedulerSession(URI endpoint, String streamId, Event.Subscribed subscribed) {}
