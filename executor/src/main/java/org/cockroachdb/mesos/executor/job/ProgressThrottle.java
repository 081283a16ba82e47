package org.cockroachdb.mesos.executor.job;

import java.time.Duration;

/**
 * When the next progress update may go: at most one every {@link #MIN_INTERVAL}, so a fast job does
 * not flood the agent and the scheduler's status store.
 *
 * @param lastSentNanos {@link System#nanoTime()} of the last update sent
 */
record ProgressThrottle(long lastSentNanos) {
    static final Duration MIN_INTERVAL = Duration.ofSeconds(2);

    static ProgressThrottle sentAt(long nanos) {
        return new ProgressThrottle(nanos);
    }

    /** How long to hold an update offered at {@code now}: 0 means send it now. */
    long waitNanos(long now) {
        return Math.max(0, lastSentNanos + MIN_INTERVAL.toNanos() - now);
    }
}
