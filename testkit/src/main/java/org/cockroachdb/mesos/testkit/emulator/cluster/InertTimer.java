package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The timer handed out after the loop has shut down: it never fires and cancels quietly. */
final class InertTimer implements ScheduledFuture<Object> {
    static final InertTimer INSTANCE = new InertTimer();

    @Override
    public long getDelay(TimeUnit unit) {
        return Long.MAX_VALUE;
    }

    @Override
    public int compareTo(Delayed o) {
        return 1;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return true;
    }

    @Override
    public boolean isCancelled() {
        return true;
    }

    @Override
    public boolean isDone() {
        return true;
    }

    @Override
    public Object get() {
        return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
        return null;
    }
}
