package org.cockroachdb.mesos.scheduler.loop;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Explicit reconciliation's bookkeeping: which tasks still owe Mesos's answer, and when to ask
 * again (at once, then after 8 s, 16 s, … up to 30 s), until every one has answered.
 */
final class Reconciliation {

    static final Duration RETRY_FIRST = Duration.ofSeconds(8);
    static final Duration RETRY_CAP = Duration.ofSeconds(30);

    private final Set<String> pending = new HashSet<>();
    private Instant askedAt = Instant.EPOCH;
    private Duration retry = RETRY_FIRST;
    private boolean askedOnce;

    /** Starts over with these tasks (after a SUBSCRIBED). */
    void restart(Collection<String> taskIds) {
        pending.clear();
        pending.addAll(taskIds);
        retry = RETRY_FIRST;
        askedOnce = false;
    }

    /** One more task to ask about, at once. @return false if it was already pending */
    boolean add(String taskId) {
        if (!pending.add(taskId)) {
            return false;
        }
        askedOnce = false;
        return true;
    }

    /** A status for this task arrived. @return whether it was pending */
    boolean answered(String taskId) {
        return pending.remove(taskId);
    }

    boolean isDone() {
        return pending.isEmpty();
    }

    /** The tasks to ask about now (empty when none is due), recording that they were asked. */
    Set<String> due(Instant now) {
        if (pending.isEmpty()) {
            return Set.of();
        }
        if (askedOnce && Duration.between(askedAt, now).compareTo(retry) < 0) {
            return Set.of();
        }
        if (askedOnce) {
            retry = retry.multipliedBy(2).compareTo(RETRY_CAP) > 0 ? RETRY_CAP : retry.multipliedBy(2);
        }
        askedOnce = true;
        askedAt = now;
        return Set.copyOf(pending);
    }
}
