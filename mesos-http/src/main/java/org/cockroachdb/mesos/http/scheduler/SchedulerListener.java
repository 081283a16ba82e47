package org.cockroachdb.mesos.http.scheduler;

import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * What a {@link SchedulerClient} tells its owner. All calls come from the client's one loop
 * thread, in stream order, and never after {@link SchedulerClient#close()} returns. Keep them
 * quick (hand the event to your own queue): the stream is not read while a callback runs.
 */
public interface SchedulerListener {

    /**
     * SUBSCRIBED arrived: from now until {@link #disconnected}, {@link SchedulerClient#send} goes to
     * {@code session.endpoint()} with {@code session.streamId()}. Called just before
     * {@link #received} gets the same SUBSCRIBED event.
     */
    void subscribed(SchedulerSession session);

    /** Every event, in order: SUBSCRIBED, HEARTBEAT and ERROR included. */
    void received(Event event);

    /**
     * A subscription attempt failed or the stream ended; {@code reason} says why in one line. The
     * client backs off and subscribes again unless it was told to stop.
     */
    void disconnected(String reason);

    /**
     * Mesos sent ERROR, which ends the stream ("Framework has been removed", "Framework failed
     * over", an invalid FrameworkInfo). Called after {@link #received} got the event.
     */
    default ErrorReaction errorReceived(String message) {
        return ErrorReaction.RESUBSCRIBE;
    }

    enum ErrorReaction {
        /** Back off and subscribe again. */
        RESUBSCRIBE,
        /** Stop the client: no more subscription attempts (e.g. the framework was removed for good). */
        STOP
    }
}
