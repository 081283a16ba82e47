package org.cockroachdb.mesos.http.detect;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Knows which Mesos master leads right now, as a base URI {@code http://host:port}. The answer can
 * change at any time (failover, ZooKeeper session loss), so callers either ask again or watch.
 */
public interface MasterDetector extends AutoCloseable {

    /** The leading master's base URI, or empty while no leader is known. */
    Optional<URI> leader();

    /**
     * Calls {@code listener} with the new leader (or empty) each time it changes, on a detector
     * thread, until the returned handle is closed. Repeated answers with the same leader are not
     * reported.
     */
    Watch watch(Consumer<Optional<URI>> listener);

    /**
     * A hint from a client that {@code master} gave no usable answer. A static list moves on to its
     * next entry; a ZooKeeper detector ignores it, since ZooKeeper knows better.
     */
    default void unreachable(URI master) {}

    /** Waits until the leader differs from {@code known}, at most {@code timeout}; returns the leader then. */
    default Optional<URI> awaitChange(Optional<URI> known, Duration timeout) throws InterruptedException {
        CountDownLatch changed = new CountDownLatch(1);
        Watch watch = watch(leader -> {
            if (!leader.equals(known)) {
                changed.countDown();
            }
        });
        try {
            if (leader().equals(known)) {
                changed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } finally {
            watch.close();
        }
        return leader();
    }

    @Override
    void close();

    /** Stops the calls of one {@link #watch}. */
    @FunctionalInterface
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}
