package org.cockroachdb.mesos.local;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec;

/**
 * The port ranges local agents offer: the fixed ports the nodes listen on plus the usual dynamic
 * range. Every agent has its own loopback address, so the same port on every agent is fine.
 */
final class AgentPorts {
    static final AgentSpec.PortRange DYNAMIC = new AgentSpec.PortRange(31000, 31999);

    private AgentPorts() {}

    /** {@code fixed} ports outside the dynamic range, merged into ranges, plus the dynamic range; sorted. */
    static List<AgentSpec.PortRange> ranges(List<Integer> fixed) {
        TreeSet<Long> extra = new TreeSet<>();
        for (int p : fixed) {
            if (p < DYNAMIC.begin() || p > DYNAMIC.end()) {
                extra.add((long) p);
            }
        }
        List<AgentSpec.PortRange> out = new ArrayList<>();
        long begin = -1;
        long end = -1;
        for (long p : extra) {
            if (begin >= 0 && p == end + 1) {
                end = p;
                continue;
            }
            if (begin >= 0) {
                out.add(new AgentSpec.PortRange(begin, end));
            }
            begin = p;
            end = p;
        }
        if (begin >= 0) {
            out.add(new AgentSpec.PortRange(begin, end));
        }
        out.add(DYNAMIC);
        out.sort((a, b) -> Long.compare(a.begin(), b.begin()));
        return merged(out);
    }

    /** Joins ranges that touch (e.g. a fixed port of 30999 and the dynamic range). */
    private static List<AgentSpec.PortRange> merged(List<AgentSpec.PortRange> sorted) {
        List<AgentSpec.PortRange> out = new ArrayList<>();
        for (AgentSpec.PortRange r : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).end() + 1 >= r.begin()) {
                AgentSpec.PortRange last = out.remove(out.size() - 1);
                out.add(new AgentSpec.PortRange(last.begin(), Math.max(last.end(), r.end())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** {@code count} standard agents (4 cpus, 8 GiB, 20 GiB disk) offering {@link #ranges}, on {@code block}'s addresses. */
    static List<AgentSpec> agents(int count, List<Integer> fixed, LoopbackBlock block) {
        List<AgentSpec.PortRange> ports = ranges(fixed);
        List<AgentSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(AgentSpec.standard(i).withHostname(block.host(i)).withPorts(ports));
        }
        return specs;
    }
}
