package org.cockroachdb.mesos.scheduler.cockroach;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The few gauges of a node's {@code /_status/vars} (Prometheus text exposition) that the health
 * gate reads. A metric that is absent, or has a sample we cannot read as a whole non-negative
 * number, is empty rather than 0: "no news" must never look like "all replicated".
 *
 * @param liveNodes              {@code liveness_livenodes}: nodes this node sees as live
 * @param underReplicatedByStore {@code ranges_underreplicated} per {@code store} label ("" when unlabelled)
 * @param unavailableByStore     {@code ranges_unavailable} per {@code store} label ("" when unlabelled)
 */
public record StatusVars(Optional<Long> liveNodes, Map<String, Long> underReplicatedByStore,
                         Map<String, Long> unavailableByStore) {

    public static final String LIVE_NODES = "liveness_livenodes";
    public static final String UNDER_REPLICATED = "ranges_underreplicated";
    public static final String UNAVAILABLE = "ranges_unavailable";

    public StatusVars {
        liveNodes = liveNodes == null ? Optional.empty() : liveNodes;
        underReplicatedByStore = underReplicatedByStore == null ? Map.of() : sortedCopy(underReplicatedByStore);
        unavailableByStore = unavailableByStore == null ? Map.of() : sortedCopy(unavailableByStore);
    }

    /** Sum of under-replicated ranges over every store; empty when the node does not report the metric. */
    public Optional<Long> underReplicated() {
        return sum(underReplicatedByStore);
    }

    /** Sum of unavailable ranges over every store; empty when the node does not report the metric. */
    public Optional<Long> unavailable() {
        return sum(unavailableByStore);
    }

    /**
     * Reads the exposition text. Lines that are comments, blank, for other metrics, or malformed are
     * skipped; a malformed sample of a metric we need makes that metric unreadable (empty).
     */
    public static StatusVars parse(String text) {
        Long live = null;
        Map<String, Long> under = new LinkedHashMap<>();
        Map<String, Long> unavailable = new LinkedHashMap<>();
        Set<String> unreadable = new HashSet<>();
        for (String line : (text == null ? "" : text).split("\r?\n")) {
            Optional<PrometheusSample> parsed = PrometheusSample.parse(line);
            if (parsed.isEmpty()) {
                // Not a sample we can read; if it names one of ours, that metric cannot be trusted.
                String name = PrometheusSample.leadingName(line);
                if (isOurs(name)) {
                    unreadable.add(name);
                }
                continue;
            }
            PrometheusSample s = parsed.get();
            if (!isOurs(s.name())) {
                continue;
            }
            Optional<Long> count = wholeCount(s.value());
            if (count.isEmpty()) {
                unreadable.add(s.name());
                continue;
            }
            switch (s.name()) {
                // Several samples would be odd; the smallest is the cautious reading of "live".
                case LIVE_NODES -> live = live == null ? count.get() : Math.min(live, count.get());
                case UNDER_REPLICATED -> under.merge(s.labels().getOrDefault("store", ""), count.get(), Long::sum);
                case UNAVAILABLE -> unavailable.merge(s.labels().getOrDefault("store", ""), count.get(), Long::sum);
                default -> {
                }
            }
        }
        return new StatusVars(
                unreadable.contains(LIVE_NODES) ? Optional.empty() : Optional.ofNullable(live),
                unreadable.contains(UNDER_REPLICATED) ? Map.of() : under,
                unreadable.contains(UNAVAILABLE) ? Map.of() : unavailable);
    }

    private static boolean isOurs(String name) {
        return LIVE_NODES.equals(name) || UNDER_REPLICATED.equals(name) || UNAVAILABLE.equals(name);
    }

    /** These gauges count things: NaN, infinities, negatives and fractions are not counts. */
    private static Optional<Long> wholeCount(double value) {
        if (!Double.isFinite(value) || value < 0 || value != Math.rint(value) || value > Long.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of((long) value);
    }

    private static Optional<Long> sum(Map<String, Long> byStore) {
        return byStore.isEmpty() ? Optional.empty()
                : Optional.of(byStore.values().stream().mapToLong(Long::longValue).sum());
    }

    /** Stores in numeric order when they are numbers, so reasons name them predictably. */
    private static Map<String, Long> sortedCopy(Map<String, Long> byStore) {
        Map<String, Long> sorted = new TreeMap<>(StatusVars::compareStores);
        sorted.putAll(byStore);
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    private static int compareStores(String a, String b) {
        boolean an = a.matches("\\d{1,18}");
        boolean bn = b.matches("\\d{1,18}");
        if (an && bn) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return an == bn ? a.compareTo(b) : (an ? -1 : 1);
    }
}
