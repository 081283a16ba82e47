package org.cockroachdb.mesos.scheduler.loop;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.Phase;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/** Says in the plan what a node waiting for the rolling update waits for. Pure. */
final class UpdateMessages {

    private UpdateMessages() {
    }

    static Plan waitingForGate(Plan plan, Collection<TaskRecord> records, long revision, String reason) {
        Set<String> olderPods = records.stream()
                .filter(r -> NodeTaskInfos.revision(StoredTasks.info(r)) < revision)
                .map(r -> NodePods.indexOfTask(r.taskName()).map(NodePods::podName).orElse(r.taskName()))
                .collect(Collectors.toSet());
        List<Phase> phases = plan.phases().stream().map(phase -> new Phase(phase.id(), phase.name(), phase.strategy(),
                phase.steps().stream().map(step -> step.status() == Status.PENDING && olderPods.contains(step.podName())
                        ? new Step(step.id(), step.name(), step.status(),
                                step.message() + "; waiting for the cluster health gate: " + reason, step.podName())
                        : step).toList(),
                phase.interrupted())).toList();
        return new Plan(plan.name(), plan.strategy(), phases, plan.errors(), plan.interrupted());
    }
}
