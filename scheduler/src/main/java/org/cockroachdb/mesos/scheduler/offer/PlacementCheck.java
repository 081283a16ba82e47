package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos;
import org.cockroachdb.mesos.scheduler.config.PlacementRule;

/**
 * Marathon-style placement rules for a new pod on one agent. An agent without the rule's attribute
 * fails every rule but UNLIKE (it cannot be shown to satisfy them).
 */
final class PlacementCheck {

    private final List<PlacementRule> rules;
    private final List<PlacedPod> others;
    /** Per GROUP_BY field: pods per value, every value of an offered agent or a placed pod counted. */
    private final Map<String, Map<String, Long>> groupCounts = new TreeMap<>();
    /** Compiled once per evaluation, not once per offer. */
    private final Map<String, Pattern> patterns = new HashMap<>();

    /** {@code others} excluding the pod being placed: a replaced pod does not constrain itself. */
    PlacementCheck(String podName, List<PlacementRule> rules, List<PlacedPod> others, List<Protos.Offer> offers) {
        this.rules = rules;
        this.others = others.stream().filter(p -> !p.podName().equals(podName)).toList();
        for (PlacementRule rule : rules) {
            if (rule instanceof PlacementRule.GroupBy groupBy && !groupCounts.containsKey(groupBy.field())) {
                Map<String, Long> counts = new TreeMap<>();
                for (Protos.Offer offer : offers) {
                    AgentAttributes.value(groupBy.field(), offer).ifPresent(v -> counts.put(v, 0L));
                }
                for (PlacedPod pod : this.others) {
                    AgentAttributes.value(groupBy.field(), pod.hostname(), pod.attributes())
                            .ifPresent(v -> counts.merge(v, 1L, Long::sum));
                }
                groupCounts.put(groupBy.field(), counts);
            }
        }
    }

    /** The refusals, each "rule: why"; empty when the offered agent may take the pod. */
    List<String> refusals(Protos.Offer offer) {
        List<String> refusals = List.of();
        for (PlacementRule rule : rules) {
            Optional<String> why = refuse(rule, AgentAttributes.value(rule.field(), offer));
            if (why.isPresent()) {
                if (refusals.isEmpty()) {
                    refusals = new ArrayList<>();
                }
                refusals.add(name(rule) + ": " + why.get());
            }
        }
        return refusals;
    }

    private Optional<String> refuse(PlacementRule rule, Optional<String> value) {
        if (value.isEmpty()) {
            return rule instanceof PlacementRule.Unlike
                    ? Optional.empty()
                    : Optional.of("agent has no attribute " + rule.field());
        }
        String v = value.get();
        if (rule instanceof PlacementRule.Unique unique) {
            List<String> there = podsWith(unique.field(), v);
            return there.isEmpty() ? Optional.empty()
                    : Optional.of(String.join(", ", there) + (there.size() == 1 ? " is" : " are") + " already there");
        }
        if (rule instanceof PlacementRule.Like like) {
            return pattern(like.regex()).matcher(v).matches()
                    ? Optional.empty()
                    : Optional.of("'" + v + "' does not match");
        }
        if (rule instanceof PlacementRule.Unlike unlike) {
            return pattern(unlike.regex()).matcher(v).matches()
                    ? Optional.of("'" + v + "' matches")
                    : Optional.empty();
        }
        if (rule instanceof PlacementRule.MaxPer maxPer) {
            List<String> there = podsWith(maxPer.field(), v);
            return there.size() < maxPer.max() ? Optional.empty()
                    : Optional.of("'" + v + "' already has " + there.size() + " (" + String.join(", ", there) + ")");
        }
        if (rule instanceof PlacementRule.GroupBy groupBy) {
            return groupBy(groupBy, v);
        }
        PlacementRule.Cluster cluster = (PlacementRule.Cluster) rule;
        return cluster.value().equals(v)
                ? Optional.empty()
                : Optional.of("'" + v + "' is not '" + cluster.value() + "'");
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    /**
     * Even spread: the value may take the pod only if no value known to exist has fewer pods. Known
     * values are those of the offered agents and of the placed pods; when the rule declares more
     * groups than that, some group is still empty, so the minimum is 0.
     */
    private Optional<String> groupBy(PlacementRule.GroupBy rule, String value) {
        Map<String, Long> counts = groupCounts.get(rule.field());
        long min = counts.size() < rule.groups()
                ? 0
                : counts.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long here = counts.getOrDefault(value, 0L);
        if (here <= min) {
            return Optional.empty();
        }
        String fewer = counts.entrySet().stream()
                .filter(e -> e.getValue() == min)
                .map(Map.Entry::getKey)
                .collect(Collectors.joining(", "));
        return Optional.of("'" + value + "' has " + here + ", fewer on "
                + (fewer.isEmpty() ? "an undiscovered group" : fewer) + " (" + min + ")");
    }

    private List<String> podsWith(String field, String value) {
        return others.stream()
                .filter(p -> AgentAttributes.value(field, p.hostname(), p.attributes())
                        .filter(value::equals).isPresent())
                .map(PlacedPod::podName)
                .sorted()
                .toList();
    }

    /** "hostname:UNIQUE", "rack:LIKE:rack-[1-3]": the rule as the user wrote it. */
    static String name(PlacementRule rule) {
        if (rule instanceof PlacementRule.Unique u) {
            return u.field() + ":UNIQUE";
        }
        if (rule instanceof PlacementRule.Like l) {
            return l.field() + ":LIKE:" + l.regex();
        }
        if (rule instanceof PlacementRule.Unlike u) {
            return u.field() + ":UNLIKE:" + u.regex();
        }
        if (rule instanceof PlacementRule.MaxPer m) {
            return m.field() + ":MAX_PER:" + m.max();
        }
        if (rule instanceof PlacementRule.GroupBy g) {
            return g.field() + ":GROUP_BY" + (g.groups() > 0 ? ":" + g.groups() : "");
        }
        PlacementRule.Cluster c = (PlacementRule.Cluster) rule;
        return c.field() + ":CLUSTER:" + c.value();
    }
}
