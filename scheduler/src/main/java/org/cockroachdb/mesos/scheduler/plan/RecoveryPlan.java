package org.cockroachdb.mesos.scheduler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code recovery} plan: pods that were deployed (their deploy step went COMPLETE on the current
 * target) and whose task failed or was lost since. One phase per such pod, e.g. phase
 * {@code cockroachdb-1} with step {@code cockroachdb-1:[node-join]}; a pod leaves the plan once it
 * runs and is ready again, so the plan is empty and COMPLETE when nothing is recovering (as in the
 * SDK). The deploy plan keeps such a pod COMPLETE: a crash loop does not make the service look
 * un-deployed.
 */
public final class RecoveryPlan {

    public static final String NAME = "recovery";

    private RecoveryPlan() {
    }

    /**
     * A deployed pod's task as recovery sees it.
     *
     * @param inFlight  a relaunch was sent and nothing of it came back yet
     * @param delayed   the relaunch backoff holds it, e.g. "relaunch in 20s (failure 4 in a row)"
     * @param waiting   why it is not relaunched at all, e.g. "waiting for agent a3 (unreachable since …)"
     * @param replacing set while the pod is being replaced, e.g. "replacing: agent gone"
     */
    public record Input(DesiredNode node, ObservedTask task, boolean inFlight, Optional<String> delayed,
                        Optional<String> waiting, Optional<String> replacing) {
        public Input {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(delayed, "delayed");
            Objects.requireNonNull(waiting, "waiting");
            Objects.requireNonNull(replacing, "replacing");
        }
    }

    /** Parallel: pods recover independently (the loop itself never takes a second node down). */
    public static Plan of(List<Input> pods) {
        List<Phase> phases = new ArrayList<>();
        for (Input in : pods) {
            step(in).ifPresent(status -> {
                String phase = in.node().podName();
                String name = in.node().stepName();
                phases.add(new Phase(PlanIds.phase(NAME, phase), phase, Strategy.SERIAL, List.of(new Step(
                        PlanIds.step(NAME, phase, name), name, status.status(), status.message(), phase))));
            });
        }
        return new Plan(NAME, Strategy.PARALLEL, phases, List.of(), false);
    }

    /**
     * The deploy plan with the steps of recovering pods shown COMPLETE: they were deployed on this
     * target, and their failure since is the recovery plan's to show and to handle.
     */
    public static Plan keepDeployed(Plan deploy, Set<String> recoveringPods) {
        List<Phase> phases = deploy.phases().stream().map(phase -> new Phase(phase.id(), phase.name(),
                phase.strategy(), phase.steps().stream().map(s -> recoveringPods.contains(s.podName())
                        && s.status() != Status.COMPLETE
                        ? new Step(s.id(), s.name(), Status.COMPLETE, "deployed; recovering (see the recovery plan)",
                                s.podName())
                        : s).toList(), phase.interrupted())).toList();
        return new Plan(deploy.name(), deploy.strategy(), phases, deploy.errors(), deploy.interrupted());
    }

    /** The step of one pod; empty when its task runs and is ready (nothing to recover). */
    public static Optional<StepStatus> step(Input in) {
        StepStatus base = base(in);
        if (base == null) {
            return Optional.empty();
        }
        return Optional.of(in.replacing().map(r -> new StepStatus(base.status(), r + "; " + base.message()))
                .orElse(base));
    }

    private static StepStatus base(Input in) {
        if (in.inFlight()) {
            return new StepStatus(Status.STARTING, "relaunch sent, waiting for the task to start");
        }
        ObservedTask task = in.task();
        if (task.state().isEmpty()) {
            return new StepStatus(Status.STARTING, "relaunched, waiting for its first status");
        }
        String state = task.state().get();
        return switch (state) {
            case "TASK_STAGING", "TASK_STARTING" -> new StepStatus(Status.STARTING, state + ", waiting for TASK_RUNNING");
            case "TASK_KILLING" -> new StepStatus(Status.STARTING, "being killed");
            case "TASK_RUNNING" -> task.ready() ? null : new StepStatus(Status.STARTED, "running, waiting for readiness");
            default -> in.waiting().map(w -> new StepStatus(Status.PENDING, w))
                    .or(() -> in.delayed().map(d -> new StepStatus(Status.DELAYED, d)))
                    .orElseGet(() -> new StepStatus(Status.PENDING, (task.message().isEmpty() ? state
                            : state + ": " + task.message()) + "; relaunch waiting for an offer"));
        };
    }
}
