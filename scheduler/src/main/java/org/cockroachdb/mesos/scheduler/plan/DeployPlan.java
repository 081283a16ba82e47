package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code deploy} plan: bring every desired node to the target revision, all at once. */
public final class DeployPlan {

    public static final String NAME = "deploy";
    public static final String NODE_PHASE = "node-deploy";

    private DeployPlan() {
    }

    /**
     * One phase "node-deploy", strategy PARALLEL, one step per desired node named
     * "&lt;pod&gt;:[&lt;task type&gt;]" e.g. "cockroachdb-0:[node-init]".
     *
     * @param observedByTask what is known of each task, by task name
     * @param inFlightTasks  task names whose operations were sent and not yet answered
     * @param delayedTasks   task names held back from relaunch, with the reason
     * @param errors         why the plan cannot proceed (e.g. the new configuration is invalid)
     */
    public static Plan of(List<DesiredNode> desired, long targetRevision, Map<String, ObservedTask> observedByTask,
                          Set<String> inFlightTasks, Map<String, String> delayedTasks, List<String> errors) {
        List<Step> steps = desired.stream().map(node -> {
            StepStatus status = StepStatus.of(
                    Optional.ofNullable(observedByTask.get(node.taskName())),
                    inFlightTasks.contains(node.taskName()),
                    targetRevision,
                    Optional.ofNullable(delayedTasks.get(node.taskName())));
            String message = status.status() == Status.PENDING && !errors.isEmpty()
                            && status.message().equals(StepStatus.WAITING_FOR_OFFER)
                    ? "blocked by the plan's errors"
                    : status.message();
            return new Step(PlanIds.step(NAME, NODE_PHASE, node.stepName()), node.stepName(),
                    status.status(), message, node.podName());
        }).toList();
        Phase phase = new Phase(PlanIds.phase(NAME, NODE_PHASE), NODE_PHASE, Strategy.PARALLEL, steps);
        return new Plan(NAME, Strategy.PARALLEL, List.of(phase), errors, false);
    }
}
