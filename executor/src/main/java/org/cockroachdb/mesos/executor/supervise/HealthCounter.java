package org.cockroachdb.mesos.executor.supervise;

import java.util.Optional;

/**
 * Health check bookkeeping, as Mesos health checks count: the first result sets {@code healthy},
 * every failure counts, a pass resets the count, and {@code maxFailures} failures in a row mean
 * the node is to be killed.
 *
 * @param healthy             empty until the first check after the grace period
 * @param consecutiveFailures failures since the last pass
 */
public record HealthCounter(Optional<Boolean> healthy, int consecutiveFailures, int maxFailures) {

    public static HealthCounter initial(int maxFailures) {
        return new HealthCounter(Optional.empty(), 0, maxFailures);
    }

    public HealthCounter after(boolean passed) {
        return passed ? new HealthCounter(Optional.of(true), 0, maxFailures)
                : new HealthCounter(Optional.of(false), consecutiveFailures + 1, maxFailures);
    }

    /** Whether {@code healthy} differs from {@code before}'s: that is what gets reported. */
    public boolean changedFrom(HealthCounter before) {
        return !healthy.equals(before.healthy);
    }

    public boolean exhausted() {
        return consecutiveFailures >= maxFailures;
    }
}
