package org.cockroachdb.mesos.scheduler.loop;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed node may be relaunched: at once after its first failure, then after 5 s, 10 s, …
 * up to a cap, so a crash-looping node does not spin. Reset once the node passes readiness again.
 */
public record RelaunchBackoff(int failures, Instant notBefore) {

    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration CAP = Duration.ofMinutes(2);

    public static RelaunchBackoff none() {
        return new RelaunchBackoff(0, Instant.EPOCH);
    }

    public RelaunchBackoff failed(Instant now) {
        int n = failures + 1;
        Duration delay = n == 1 ? Duration.ZERO : min(FIRST.multipliedBy(1L << Math.min(n - 2, 20)), CAP);
        return new RelaunchBackoff(n, now.plus(delay));
    }

    public boolean delays(Instant now) {
        return now.isBefore(notBefore);
    }

    public String describe(Instant now) {
        long seconds = Math.max(1, Duration.between(now, notBefore).toSeconds());
        return "relaunch in " + seconds + "s (failure " + failures + " in a row)";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
