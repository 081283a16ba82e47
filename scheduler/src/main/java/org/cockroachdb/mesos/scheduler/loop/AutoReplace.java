package org.cockroachdb.mesos.scheduler.loop;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a node whose agent is lost is replaced without an operator ({@code REPLACE_AFTER_SECONDS}),
 * decided from stored facts alone (pure), so a restarted scheduler decides the same. A lost node
 * is replaced once it has been lost for the configured time, counted from the stored instant it
 * was first seen lost, and only when nothing else is amiss: every other node runs and passed
 * readiness (the executor's readiness check is cockroach's own {@code /health?ready=1}, so the rest
 * of the cluster is live), no pod is being replaced or removed and no replaced node's old id waits
 * for its decommission. So at most one replacement is ever under way, and never while a second
 * node is down: with two nodes lost, the ranges they shared may have lost their quorum, and
 * discarding either replica could lose data; both wait for their agent or the operator.
 */
final class AutoReplace {

    /** One desired node. {@code lost}: its agent is out of reach or gone, and since when. */
    record Node(String podName, String taskName, boolean up, Optional<Lost> lost, boolean replacing) {
        Node {
            Objects.requireNonNull(podName, "podName");
            Objects.requireNonNull(taskName, "taskName");
            Objects.requireNonNull(lost, "lost");
        }
    }

    /** @param agent the agent's host name (or id); {@code gone}: removed, not merely unreachable */
    record Lost(String agent, Instant since, boolean gone) {}

    /**
     * @param replaceNow the task to replace now, if any (at most one)
     * @param waits      by task name: what each lost node waits for, for the recovery plan
     */
    record Verdict(Optional<String> replaceNow, Map<String, String> waits) {}

    private AutoReplace() {
    }

    /**
     * @param after      {@code REPLACE_AFTER_SECONDS}; zero waits for the operator forever
     * @param nodes      every desired node, by pod index
     * @param busy       why a replace must not start now although every node is up: a pod being
     *                   removed, a replaced node's old id not decommissioned yet; empty if none
     */
    static Verdict decide(Duration after, Instant now, List<Node> nodes, Optional<String> busy) {
        Map<String, String> waits = new LinkedHashMap<>();
        Optional<Node> chosen = Optional.empty();
        List<Node> lost = nodes.stream().filter(n -> n.lost().isPresent() && !n.replacing())
                .sorted(Comparator.comparing((Node n) -> n.lost().get().since())).toList();
        for (Node node : lost) {
            Lost l = node.lost().get();
            String base = "waiting for agent " + l.agent() + " (" + (l.gone() ? "gone" : "unreachable") + " since "
                    + l.since().truncatedTo(ChronoUnit.SECONDS) + ")";
            if (after.isZero()) {
                waits.put(node.taskName(), base + "; waiting; `pod replace` to move it");
                continue;
            }
            Instant due = l.since().plus(after);
            if (now.isBefore(due)) {
                long seconds = Math.max(1, Duration.between(now, due).toSeconds());
                waits.put(node.taskName(), base + "; replaced automatically in " + seconds
                        + "s unless it comes back");
                continue;
            }
            Optional<String> held = held(node, nodes, busy);
            if (held.isEmpty() && chosen.isPresent()) {
                held = Optional.of(chosen.get().podName() + " is replaced first");
            }
            if (held.isPresent()) {
                String why = held.get();
                waits.put(node.taskName(), base + "; automatic replace held: " + why
                        + " (one node at a time); `pod replace` to move it");
                continue;
            }
            chosen = Optional.of(node);
            waits.put(node.taskName(), base + "; replacing it now");
        }
        return new Verdict(chosen.map(Node::taskName), waits);
    }

    private static Optional<String> held(Node node, List<Node> nodes, Optional<String> busy) {
        for (Node other : nodes) {
            if (other != node && other.replacing()) {
                return Optional.of(other.podName() + " is being replaced");
            }
        }
        if (busy.isPresent()) {
            return busy;
        }
        for (Node other : nodes) {
            if (other != node && !other.up()) {
                return Optional.of(other.podName() + " is down too");
            }
        }
        return Optional.empty();
    }
}
