package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;
import java.util.Objects;

/**
 * The {@code decommission} plan: serial, one phase per pod a scale-down removes, highest index
 * first, each with the steps {@code <pod>:[decommission]}, {@code <pod>:[kill]} and
 * {@code <pod>:[unreserve]} (the task record is forgotten, then its reservations released).
 * Statuses and messages are decided by the caller; this only gives the plan its shape and ids.
 */
public final class DecommissionPlan {

    public static final String NAME = "decommission";
    public static final String DECOMMISSION_STEP = "decommission";
    public static final String KILL_STEP = "kill";
    public static final String UNRESERVE_STEP = "unreserve";

    private DecommissionPlan() {
    }

    /** A step's status and the message saying what it waits for. */
    public record StepState(Status status, String message) {
        public StepState {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(message, "message");
        }
    }

    /** One removed pod's three steps. */
    public record RemovedPod(String podName, StepState decommission, StepState kill, StepState unreserve) {
        public RemovedPod {
            Objects.requireNonNull(podName, "podName");
        }
    }

    /** @param pods highest index first */
    public static Plan of(List<RemovedPod> pods) {
        List<Phase> phases = pods.stream().map(pod -> new Phase(PlanIds.phase(NAME, pod.podName()), pod.podName(),
                Strategy.SERIAL, List.of(
                        step(pod.podName(), DECOMMISSION_STEP, pod.decommission()),
                        step(pod.podName(), KILL_STEP, pod.kill()),
                        step(pod.podName(), UNRESERVE_STEP, pod.unreserve())))).toList();
        return new Plan(NAME, Strategy.SERIAL, phases, List.of(), false);
    }

    static Step step(String pod, String kind, StepState state) {
        String name = pod + ":[" + kind + "]";
        return new Step(PlanIds.step(NAME, pod, name), name, state.status(), state.message(), pod);
    }
}
