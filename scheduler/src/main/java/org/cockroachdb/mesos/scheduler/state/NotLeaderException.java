package org.cockroachdb.mesos.scheduler.state;

/** A write was refused because this scheduler no longer holds the leadership. */
public final class NotLeaderException extends RuntimeException {

    public NotLeaderException(String message) {
        super(message);
    }
}
