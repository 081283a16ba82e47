package org.cockroachdb.mesos.http;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon thread a subscribing client (scheduler or executor) loops on, with the two waits
 * that {@link #close()} must cut short: the wait for SUBSCRIBE's answer (interrupted) and the
 * backoff pause (woken). Interrupts never reach the client's listener callbacks.
 */
public final class SubscriptionThread {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionThread.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final Thread thread;
    private final Object signal = new Object();
    private final Object openingLock = new Object();
    private volatile boolean running;
    private boolean closed; // guarded by this
    private boolean opening; // guarded by openingLock

    public SubscriptionThread(String name, Runnable loop) {
        this.thread = new Thread(() -> {
            try {
                loop.run();
            } catch (RuntimeException | Error e) {
                LOG.error("{} died", name, e);
            } finally {
                running = false;
            }
        }, name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts the loop; false (and nothing started) if {@link #close()} came first, since a closed
     * client must stay closed however its owner's start and shutdown race.
     */
    public synchronized boolean start() {
        if (closed) {
            return false;
        }
        if (running || thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " was already started");
        }
        running = true;
        thread.start();
        return true;
    }

    /** False once {@link #close()} or {@link #stopRunning()} was called (or the loop ended). */
    public boolean running() {
        return running;
    }

    /** The loop decided to end by itself (e.g. told to stop, or gave up); it should return soon. */
    public void stopRunning() {
        running = false;
        wake();
    }

    /**
     * Runs {@code opening} (a blocking SUBSCRIBE) so that {@link #close()} can interrupt it; if
     * already closed, returns {@code ifClosed} without running it.
     */
    public <T> T interruptibly(Supplier<T> opening, Supplier<T> ifClosed) {
        synchronized (openingLock) {
            if (!running) {
                return ifClosed.get();
            }
            this.opening = true;
        }
        try {
            return opening.get();
        } finally {
            synchronized (openingLock) {
                this.opening = false;
                Thread.interrupted(); // a close() interrupt is spent; it must not leak into callbacks
            }
        }
    }

    /**
     * Sleeps up to {@code delay}; returns early when closed, when {@link #wake()} is called and
     * {@code wakeEarly} is true, or when {@code wakeEarly} is already true.
     */
    public void pause(Duration delay, BooleanSupplier wakeEarly) {
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (signal) {
            while (running && !wakeEarly.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    signal.wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Makes a {@link #pause} re-check its condition now. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    public boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Stops the loop and waits for it to end, unless called from the loop itself. The caller
     * closes its stream first, so a blocked read returns at once.
     */
    public void close() {
        synchronized (this) {
            closed = true;
            running = false;
        }
        synchronized (openingLock) {
            if (opening) {
                thread.interrupt(); // don't wait up to the request timeout for SUBSCRIBE's answer
            }
        }
        wake();
        if (isCurrentThread() || !thread.isAlive()) {
            return;
        }
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within {} s (a listener callback is blocking)", thread.getName(),
                    JOIN_TIMEOUT.toSeconds());
        }
    }
}
