package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;
import java.util.Objects;

/**
 * The {@code replace} plan: after {@code pod replace}, the node id the pod had on its old agent is
 * decommissioned once the pod runs again elsewhere. Serial, one phase per replaced node id, e.g.
 * phase {@code cockroachdb-1-node-2} with step {@code cockroachdb-1:[decommission-node-2]}.
 */
public final class ReplacePlan {

    public static final String NAME = "replace";

    private ReplacePlan() {
    }

    /** The old node id of a replaced pod and how its decommission stands. */
    public record OldNode(String podName, String nodeId, DecommissionPlan.StepState state) {
        public OldNode {
            Objects.requireNonNull(podName, "podName");
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(state, "state");
        }
    }

    public static Plan of(List<OldNode> nodes) {
        List<Phase> phases = nodes.stream().map(node -> {
            String phase = node.podName() + "-node-" + node.nodeId();
            String name = node.podName() + ":[decommission-node-" + node.nodeId() + "]";
            return new Phase(PlanIds.phase(NAME, phase), phase, Strategy.SERIAL, List.of(new Step(
                    PlanIds.step(NAME, phase, name), name, node.state().status(), node.state().message(),
                    node.podName())));
        }).toList();
        return new Plan(NAME, Strategy.SERIAL, phases, List.of(), false);
    }
}
