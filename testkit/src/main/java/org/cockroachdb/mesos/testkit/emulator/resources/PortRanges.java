package org.cockroachdb.mesos.testkit.emulator.resources;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.mesos.v1.Protos.Value;

/** Range-set arithmetic for {@code ports} and any other RANGES resource. */
final class PortRanges {
    private PortRanges() {}

    static Value.Ranges normalize(Value.Ranges ranges) {
        List<long[]> sorted = new ArrayList<>();
        ranges.getRangeList().forEach(r -> sorted.add(new long[] {r.getBegin(), r.getEnd()}));
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : sorted) {
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[1] + 1 >= r[0]) {
                long[] last = merged.get(merged.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                merged.add(new long[] {r[0], r[1]});
            }
        }
        Value.Ranges.Builder b = Value.Ranges.newBuilder();
        merged.forEach(r -> b.addRange(Value.Range.newBuilder().setBegin(r[0]).setEnd(r[1])));
        return b.build();
    }

    /** Why Mesos would refuse these ranges (an inverted one, or two that overlap), or null. */
    static String invalidity(Value.Ranges ranges) {
        List<Value.Range> sorted = new ArrayList<>(ranges.getRangeList());
        for (Value.Range r : sorted) {
            if (r.getBegin() > r.getEnd()) {
                return "has begin > end in " + describe(r);
            }
        }
        sorted.sort(Comparator.comparingLong(Value.Range::getBegin));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).getBegin() <= sorted.get(i - 1).getEnd()) {
                return "overlap: " + describe(sorted.get(i - 1)) + " and " + describe(sorted.get(i));
            }
        }
        return null;
    }

    static Value.Ranges union(Value.Ranges a, Value.Ranges b) {
        return normalize(a.toBuilder().addAllRange(b.getRangeList()).build());
    }

    static boolean contains(Value.Ranges outer, Value.Ranges inner) {
        for (Value.Range r : inner.getRangeList()) {
            boolean inside = outer.getRangeList().stream()
                    .anyMatch(o -> o.getBegin() <= r.getBegin() && r.getEnd() <= o.getEnd());
            if (!inside) {
                return false;
            }
        }
        return true;
    }

    static Value.Ranges subtract(Value.Ranges from, Value.Ranges minus) {
        List<long[]> left = new ArrayList<>();
        normalize(from).getRangeList().forEach(r -> left.add(new long[] {r.getBegin(), r.getEnd()}));
        for (Value.Range m : minus.getRangeList()) {
            List<long[]> next = new ArrayList<>();
            for (long[] r : left) {
                if (m.getEnd() < r[0] || m.getBegin() > r[1]) {
                    next.add(r);
                    continue;
                }
                if (r[0] < m.getBegin()) {
                    next.add(new long[] {r[0], m.getBegin() - 1});
                }
                if (m.getEnd() < r[1]) {
                    next.add(new long[] {m.getEnd() + 1, r[1]});
                }
            }
            left.clear();
            left.addAll(next);
        }
        Value.Ranges.Builder b = Value.Ranges.newBuilder();
        left.forEach(r -> b.addRange(Value.Range.newBuilder().setBegin(r[0]).setEnd(r[1])));
        return b.build();
    }

    static String describe(Value.Ranges ranges) {
        return ranges.getRangeList().stream().map(PortRanges::describe).toList().toString();
    }

    private static String describe(Value.Range r) {
        return "[" + r.getBegin() + "-" + r.getEnd() + "]";
    }
}
