package org.cockroachdb.mesos.scheduler.api;

import java.util.concurrent.CompletableFuture;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;

/**
 * The scheduler's side of the API's commands. The event loop owns all state, so an
 * implementation only queues the command and returns; the loop applies it (persisting first)
 * and completes the future with the reply. The API waits a bounded time and answers 503 after
 * that, cancelling the future: a command whose future is already cancelled when the loop takes
 * it up should be dropped, since the operator was told to try again.
 */
public interface Commands {

    /** @param planName as the operator named it; an unknown plan is {@link CommandReply#planNotFound} */
    CompletableFuture<CommandReply> plan(String planName, PlanCommand command);

    CompletableFuture<CommandReply> pod(PodCommand command);

    /** For an API that only reads: every command is a 503. */
    static Commands unavailable() {
        CommandReply reply = CommandReply.message(503, "commands are not available");
        return new Commands() {
            @Override
            public CompletableFuture<CommandReply> plan(String planName, PlanCommand command) {
                return CompletableFuture.completedFuture(reply);
            }

            @Override
            public CompletableFuture<CommandReply> pod(PodCommand command) {
                return CompletableFuture.completedFuture(reply);
            }
        };
    }
}
