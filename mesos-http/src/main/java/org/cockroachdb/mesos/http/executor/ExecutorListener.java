package org.cockroachdb.mesos.http.executor;

import org.apache.mesos.v1.executor.Protos.Event;

/**
 * What an {@link ExecutorClient} tells the executor. All calls come from the client's one loop
 * thread, in stream order, and never after {@link ExecutorClient#close()} returns.
 */
public interface ExecutorListener {

    /** Every event from the agent, in order (SUBSCRIBED, LAUNCH, KILL, ACKNOWLEDGED, SHUTDOWN, ...). */
    void received(Event event);

    /** The stream to the agent ended or could not be opened; the client retries if it may. */
    default void disconnected(String reason) {}

    /**
     * The agent is gone for good: it did not come back within the recovery timeout, or the
     * framework does not checkpoint so a lost agent connection cannot be recovered. The executor
     * should kill its tasks and exit, as the Mesos executor library does.
     */
    void gaveUp(String reason);
}
