package org.cockroachdb.mesos.scheduler.loop;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.mesos.v1.Protos.TaskState;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.DesiredNode;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/**
 * Which node a rolling update takes down next: one at a time, lowest pod first, and only while
 * every node runs and is ready, nothing is being launched, and the cluster health gate has passed.
 * Pure; the loop kills the chosen node and the plan relaunches it on the new target, in place.
 */
final class RollingUpdate {

    private RollingUpdate() {
    }

    /** Nodes still running an older target revision (job tasks carry no revision: they are not nodes). */
    static boolean pending(long revision, Collection<TaskRecord> records) {
        return records.stream().filter(r -> NodePods.indexOfTask(r.taskName()).isPresent())
                .anyMatch(r -> onOlderRevision(revision, r));
    }

    /** The next node to take down, or empty when none may go now. */
    static Optional<String> next(int nodeCount, long revision, Collection<TaskRecord> records, Set<String> inFlight,
            boolean gatePassed) {
        if (!gatePassed || !inFlight.isEmpty()) {
            return Optional.empty();
        }
        Map<String, TaskRecord> byName = records.stream().collect(Collectors.toMap(TaskRecord::taskName, r -> r));
        for (DesiredNode node : NodePods.desired(nodeCount)) {
            TaskRecord record = byName.get(node.taskName());
            if (!StoredTasks.isUp(record)) {
                return Optional.empty(); // a node is down or starting: no second one goes
            }
        }
        for (DesiredNode node : NodePods.desired(nodeCount)) {
            if (onOlderRevision(revision, byName.get(node.taskName()))) {
                return Optional.of(node.taskName());
            }
        }
        return Optional.empty();
    }

    private static boolean onOlderRevision(long revision, TaskRecord record) {
        return record != null && NodeTaskInfos.revision(StoredTasks.info(record)) < revision
                && StoredTasks.lastState(record).map(s -> s == TaskState.TASK_RUNNING).orElse(false);
    }
}
