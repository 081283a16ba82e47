package org.cockroachdb.mesos.testkit.cockroach.cluster;

import org.cockroachdb.mesos.testkit.cockroach.GoDuration;

import java.time.Duration;
import java.util.Map;

/**
 * How fast the emulated cluster moves. Real CockroachDB takes seconds to minutes; tests want the
 * same sequence of states, faster. Read from {@code COCKROACH_STANDIN_*} environment variables.
 *
 * @param liveness         a node whose last heartbeat is older than this is not live (real: ~9 s)
 * @param heartbeat        how often a node heartbeats (must be well under {@code liveness})
 * @param settle           ranges stay under-replicated this long after a membership change
 * @param storeDead        after this, a dead node's ranges are re-replicated elsewhere if there is room
 *                         ({@code server.time_until_store_dead}, real default 5 min)
 * @param ranges           ranges in the cluster, each with 3 replicas
 * @param replicaMoveRate  replicas moved off a decommissioning node per second
 * @param drain            how long a graceful drain takes
 */
public record Tuning(Duration liveness, Duration heartbeat, Duration settle, Duration storeDead, int ranges,
                     double replicaMoveRate, Duration drain) {

    public static final int REPLICATION_FACTOR = 3;

    public static Tuning defaults() {
        return new Tuning(Duration.ofMillis(4500), Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(5),
                60, 20, Duration.ofMillis(500));
    }

    /** Overrides from the environment; a bad value is a one-line error naming the variable. */
    public static Tuning from(Map<String, String> env) {
        Tuning d = defaults();
        return new Tuning(
                duration(env, "COCKROACH_STANDIN_LIVENESS", d.liveness),
                duration(env, "COCKROACH_STANDIN_HEARTBEAT", d.heartbeat),
                duration(env, "COCKROACH_STANDIN_SETTLE", d.settle),
                duration(env, "COCKROACH_STANDIN_STORE_DEAD", d.storeDead),
                (int) number(env, "COCKROACH_STANDIN_RANGES", d.ranges),
                number(env, "COCKROACH_STANDIN_REPLICA_MOVE_RATE", d.replicaMoveRate),
                duration(env, "COCKROACH_STANDIN_DRAIN", d.drain));
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return GoDuration.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a duration like 500ms, 5s or 2m, got '" + v + "'");
        }
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v);
            if (d <= 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive number, got '" + v + "'");
        }
    }
}
