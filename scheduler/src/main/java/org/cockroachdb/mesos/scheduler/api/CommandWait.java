package org.cockroachdb.mesos.scheduler.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a command to the event loop and waits for its reply, but not forever: an API thread
 * must not hang on a loop that is stuck or busy with a long reconciliation.
 */
final class CommandWait {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final String BUSY = "the scheduler is busy; try again";

    private static final Logger LOG = LoggerFactory.getLogger(CommandWait.class);

    private final Duration timeout;

    CommandWait(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("command timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
    }

    Reply reply(String request, Supplier<CompletableFuture<CommandReply>> send) {
        CompletableFuture<CommandReply> future = send.get();
        try {
            CommandReply reply = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Reply.json(reply.status(), reply.body());
        } catch (TimeoutException e) {
            // Tell the loop not to bother: the operator was told to try again.
            future.cancel(false);
            LOG.warn("{}: no reply from the scheduler within {} ms", request, timeout.toMillis());
            return Reply.message(503, BUSY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            return Reply.message(503, BUSY);
        } catch (ExecutionException e) {
            LOG.error("{} failed in the scheduler", request, e.getCause());
            return Reply.message(500, "the scheduler failed to apply " + request + ": " + e.getCause().getMessage());
        }
    }
}
