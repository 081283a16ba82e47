package org.cockroachdb.mesos.scheduler.state;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** This process's place in a leader election. */
public interface Leadership extends AutoCloseable {

    /** Waits up to {@code maxWait} to become the leader. */
    boolean awaitLeadership(Duration maxWait) throws InterruptedException;

    /** True while leading and no loss has been seen. */
    boolean isLeader();

    /**
     * Completes (once) when leadership is lost or the session dies, even before leading: the owner
     * must then stop and exit, and let Marathon start it again.
     */
    CompletionStage<LeadershipLoss> lost();

    /** Leaves the election, handing leadership to the next candidate. */
    @Override
    void close();
}
