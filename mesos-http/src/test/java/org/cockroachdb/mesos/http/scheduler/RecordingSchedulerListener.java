package org.cockroachdb.mesos.http.scheduler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Remembers every callback, for assertions; answers ERROR with a reaction the test chooses. */
final class RecordingSchedulerListener implements SchedulerListener {
    final List<SchedulerSession> sessions = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger callbacks = new AtomicInteger();
    volatile ErrorReaction errorReaction = ErrorReaction.RESUBSCRIBE;

    @Override
    public void subscribed(SchedulerSession session) {
        callbacks.incrementAndGet();
        sessions.add(session);
    }

    @Override
    public void received(Event event) {
        callbacks.incrementAndGet();
        events.add(event);
    }

    @Override
    public void disconnected(String reason) {
        callbacks.incrementAndGet();
        disconnects.add(reason);
    }

    @Override
    public ErrorReaction errorReceived(String message) {
        callbacks.incrementAndGet();
        errors.add(message);
        return errorReaction;
    }

    long eventsOfType(Event.Type type) {
        return events.stream().filter(e -> e.getType() == type).count();
    }
}
