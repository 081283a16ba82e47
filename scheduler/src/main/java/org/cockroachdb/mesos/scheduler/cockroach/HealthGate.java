package org.cockroachdb.mesos.scheduler.cockroach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The cluster health gate between two steps of a rolling change: every expected node answers and
 * sees every expected node live, no store has an under-replicated or unavailable range, and all of
 * that has held for the settle time (cockroach advises waiting after a node rejoins, because a
 * cluster that just looked healthy can still be moving replicas back).
 *
 * <p>The caller keeps {@code healthySince} across checks with {@link #nextHealthySince}; everything
 * here is a pure function of its arguments.
 */
public final class HealthGate {

    private HealthGate() {
    }

    /** Whether this one set of readings shows a healthy cluster (the settle time aside). */
    public static boolean healthy(int expectedNodes, List<NodeVars> nodes) {
        return problems(expectedNodes, nodes).isEmpty();
    }

    /** Since when the cluster has been healthy without a break, given this check's result. */
    public static Optional<Instant> nextHealthySince(boolean healthyNow, Optional<Instant> previous, Instant now) {
        Objects.requireNonNull(now, "now");
        if (!healthyNow) {
            return Optional.empty();
        }
        return previous == null || previous.isEmpty() ? Optional.of(now) : previous;
    }

    public static GateVerdict evaluate(int expectedNodes, List<NodeVars> nodes, Optional<Instant> healthySince,
                                       Instant now, Duration settle) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must be zero or more, got " + settle);
        }
        List<String> problems = problems(expectedNodes, nodes);
        if (!problems.isEmpty()) {
            int others = problems.size() - 1;
            return new GateVerdict.Wait(problems.get(0)
                    + (others == 0 ? "" : ", and " + others + " other problem" + (others == 1 ? "" : "s")));
        }
        if (settle.isZero()) {
            return new GateVerdict.Pass();
        }
        if (healthySince == null || healthySince.isEmpty()) {
            return new GateVerdict.Wait("cluster healthy; waiting for " + seconds(settle) + " of settle time");
        }
        Duration healthyFor = Duration.between(healthySince.get(), now);
        if (healthyFor.isNegative()) {
            healthyFor = Duration.ZERO; // a clock that stepped back must not shorten the settle time
        }
        if (healthyFor.compareTo(settle) >= 0) {
            return new GateVerdict.Pass();
        }
        return new GateVerdict.Wait("cluster healthy for " + seconds(healthyFor) + "; waiting for " + seconds(settle)
                + " of settle time");
    }

    /**
     * Every reason the gate is closed, most important first: ranges that cannot serve, ranges short
     * of replicas (what the gate protects), nodes we cannot hear from, nodes that see others down,
     * and readings that lack a metric. Empty means healthy.
     */
    public static List<String> problems(int expectedNodes, List<NodeVars> nodes) {
        if (expectedNodes < 1) {
            throw new IllegalArgumentException("expectedNodes must be at least 1, got " + expectedNodes);
        }
        Objects.requireNonNull(nodes, "nodes");
        List<String> problems = new ArrayList<>();
        for (NodeVars n : nodes) {
            n.vars().ifPresent(v -> rangeProblem(n.node(), v.unavailableByStore(), "unavailable").ifPresent(problems::add));
        }
        for (NodeVars n : nodes) {
            n.vars().ifPresent(v -> rangeProblem(n.node(), v.underReplicatedByStore(), "under-replicated")
                    .ifPresent(problems::add));
        }
        for (NodeVars n : nodes) {
            if (n.vars().isEmpty()) {
                problems.add(n.node() + " is not reachable: " + n.error());
            }
        }
        Set<String> asked = new LinkedHashSet<>();
        nodes.forEach(n -> asked.add(n.node()));
        if (asked.size() < expectedNodes) {
            problems.add("only " + asked.size() + " of " + expectedNodes + " expected nodes were checked"
                    + (asked.isEmpty() ? "" : " (" + String.join(", ", asked) + ")"));
        }
        for (NodeVars n : nodes) {
            n.vars().flatMap(StatusVars::liveNodes).filter(live -> live < expectedNodes)
                    .ifPresent(live -> problems.add(live + " of " + expectedNodes + " nodes live (" + n.node() + " reports)"));
        }
        for (NodeVars n : nodes) {
            n.vars().flatMap(HealthGate::missingMetrics).ifPresent(missing -> problems.add(n.node() + " does not report "
                    + missing));
        }
        return List.copyOf(problems);
    }

    /** E.g. "waiting for 3 under-replicated ranges on cockroachdb-2 (store 3)". */
    private static Optional<String> rangeProblem(String node, Map<String, Long> byStore, String kind) {
        long total = byStore.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return Optional.empty();
        }
        List<String> named = byStore.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .filter(store -> !store.isEmpty()).toList();
        String where = named.isEmpty() ? ""
                : " (store" + (named.size() == 1 ? " " : "s ") + String.join(", ", named) + ")";
        return Optional.of("waiting for " + total + " " + kind + " range" + (total == 1 ? "" : "s") + " on " + node + where);
    }

    private static Optional<String> missingMetrics(StatusVars v) {
        List<String> missing = new ArrayList<>();
        Map<String, Function<StatusVars, Optional<Long>>> metrics = new LinkedHashMap<>();
        metrics.put(StatusVars.LIVE_NODES, StatusVars::liveNodes);
        metrics.put(StatusVars.UNDER_REPLICATED, StatusVars::underReplicated);
        metrics.put(StatusVars.UNAVAILABLE, StatusVars::unavailable);
        metrics.forEach((name, read) -> {
            if (read.apply(v).isEmpty()) {
                missing.add(name);
            }
        });
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
    }

    /** "60s", "1.5s", "0.2s": settle times are seconds to minutes; tenths are enough. */
    static String seconds(Duration d) {
        long tenths = d.toMillis() / 100;
        return (tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10)) + "s";
    }
}
