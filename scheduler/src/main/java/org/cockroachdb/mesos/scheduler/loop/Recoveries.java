package org.cockroachdb.mesos.scheduler.loop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.DesiredNode;
import org.cockroachdb.mesos.scheduler.plan.ObservedTask;
import org.cockroachdb.mesos.scheduler.plan.RecoveryPlan;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/**
 * What recovery knows, kept in two kinds of stored properties and read without side effects:
 * {@code deployed:<task>} holds the highest target revision a task ran ready on (its deploy step
 * went COMPLETE; a later failure is recovery's), and {@code lost-since:<task>} the instant its
 * agent was first seen unreachable or gone, so that a scheduler restart neither resets nor
 * restarts the clock of an automatic replace.
 */
final class Recoveries {

    static final String DEPLOYED_PREFIX = "deployed:";
    static final String LOST_SINCE_PREFIX = "lost-since:";

    /** The agent is out of reach or gone; the node on it may well still run (unreachable). */
    private static final Set<TaskState> LOST = EnumSet.of(TaskState.TASK_UNREACHABLE, TaskState.TASK_GONE,
            TaskState.TASK_GONE_BY_OPERATOR, TaskState.TASK_UNKNOWN);

    private Recoveries() {
    }

    /** Properties to write ({@code store}) and remove ({@code delete}), in that order. */
    record Marks(Map<String, String> store, Set<String> delete) {
        static Marks none() {
            return new Marks(Map.of(), Set.of());
        }

        boolean isEmpty() {
            return store.isEmpty() && delete.isEmpty();
        }
    }

    /**
     * The marks a node task's new status calls for: ready on a revision → deployed on it; lost
     * (unreachable, gone, unknown) once its agent had it → lost since then (the master's
     * unreachable time when it says, else now), kept while it stays lost; anything else → not lost.
     */
    static Marks afterStatus(TaskRecord after, TaskStatus status, Map<String, String> properties, Instant now) {
        String task = after.taskName();
        Map<String, String> store = new HashMap<>();
        Set<String> delete = new HashSet<>();
        if (StoredTasks.isUp(after)) {
            long revision = NodeTaskInfos.revision(StoredTasks.info(after));
            if (deployedRevision(properties, task).map(r -> r < revision).orElse(true)) {
                store.put(DEPLOYED_PREFIX + task, Long.toString(revision));
            }
        }
        if (LOST.contains(status.getState())) {
            boolean placed = properties.containsKey(SchedulerLoop.PLACED_PROPERTY_PREFIX + task);
            if (placed && !properties.containsKey(LOST_SINCE_PREFIX + task)) {
                Instant since = status.hasUnreachableTime() && status.getState() == TaskState.TASK_UNREACHABLE
                        ? Instant.ofEpochSecond(0, status.getUnreachableTime().getNanoseconds()) : now;
                store.put(LOST_SINCE_PREFIX + task, since.toString());
            }
        } else if (properties.containsKey(LOST_SINCE_PREFIX + task)) {
            delete.add(LOST_SINCE_PREFIX + task);
        }
        return new Marks(store, delete);
    }

    /** The marks of a pod that is forgotten (scale-down): a later pod of that name starts afresh. */
    static Set<String> forgotten(String taskName, Map<String, String> properties) {
        Set<String> out = new HashSet<>();
        for (String prefix : List.of(DEPLOYED_PREFIX, LOST_SINCE_PREFIX)) {
            if (properties.containsKey(prefix + taskName)) {
                out.add(prefix + taskName);
            }
        }
        return out;
    }

    /** Marks of tasks that are not stored (any more): left by a crash in the middle of a forget. */
    static List<String> stale(Set<String> storedTaskNames, Map<String, String> properties) {
        return properties.keySet().stream()
                .filter(k -> k.startsWith(DEPLOYED_PREFIX) || k.startsWith(LOST_SINCE_PREFIX))
                .filter(k -> !storedTaskNames.contains(k.substring(k.indexOf(':') + 1))).sorted().toList();
    }

    static Optional<Long> deployedRevision(Map<String, String> properties, String taskName) {
        return Optional.ofNullable(properties.get(DEPLOYED_PREFIX + taskName)).map(Long::parseLong);
    }

    static Optional<Instant> lostSince(Map<String, String> properties, String taskName) {
        return Optional.ofNullable(properties.get(LOST_SINCE_PREFIX + taskName)).map(Instant::parse);
    }

    /** Whether the task's last state says its agent is out of reach or gone. */
    static boolean lost(TaskRecord record) {
        return record != null && StoredTasks.lastState(record).map(LOST::contains).orElse(false);
    }

    /**
     * Whether the pod's failure is recovery's: its task ran ready on the current target (revision
     * {@code nodeRevision} or later) and is still on it. A node of an older revision is the
     * deploy plan's (the rolling update relaunches it); so is one never ready yet.
     */
    static boolean deployed(TaskRecord record, Map<String, String> properties, long nodeRevision) {
        return record != null && NodeTaskInfos.revision(StoredTasks.info(record)) >= nodeRevision
                && deployedRevision(properties, record.taskName()).map(r -> r >= nodeRevision).orElse(false);
    }

    /**
     * A pod being replaced may launch afresh even while its old task is unreachable: the old agent
     * may never come back, and if it does, the old task is killed as one we no longer know.
     */
    static boolean mayRelaunch(TaskRecord record, boolean replacing) {
        return StoredTasks.mayLaunch(record)
                || replacing && StoredTasks.lastState(record).equals(Optional.of(TaskState.TASK_UNREACHABLE));
    }

    /** What the loop knows of one desired node, for the recovery plan. */
    record Known(DesiredNode node, TaskRecord record, boolean inFlight, Optional<String> delayed,
                 Optional<String> waiting, Optional<ReplaceIntent> replacing) {}

    /** The recovery plan's input: the deployed pods, each with what holds it back. */
    static List<RecoveryPlan.Input> inputs(List<Known> nodes, Map<String, String> properties, long nodeRevision,
            Function<TaskRecord, ObservedTask> observe) {
        List<RecoveryPlan.Input> out = new ArrayList<>();
        for (Known k : nodes) {
            if (!deployed(k.record(), properties, nodeRevision)) {
                continue;
            }
            boolean lost = lostSince(properties, k.node().taskName()).isPresent();
            boolean unreachable = StoredTasks.lastState(k.record()).equals(Optional.of(TaskState.TASK_UNREACHABLE));
            Optional<String> replacing = k.replacing().map(intent -> "replacing: " + (!lost ? "requested (pod replace)"
                    : unreachable ? "agent unreachable" : "agent gone") + ", leaving agent " + intent.agentId());
            out.add(new RecoveryPlan.Input(k.node(), observe.apply(k.record()), k.inFlight(), k.delayed(),
                    k.replacing().isPresent() ? Optional.empty() : k.waiting(), replacing));
        }
        return out;
    }

    /** The pods of these inputs that are recovering now (their task does not run ready). */
    static Set<String> recoveringPods(List<RecoveryPlan.Input> inputs) {
        Set<String> pods = new HashSet<>();
        inputs.stream().filter(in -> RecoveryPlan.step(in).isPresent()).forEach(in -> pods.add(in.node().podName()));
        return pods;
    }

    /** The desired node of a task name, for messages. */
    static String podOf(String taskName) {
        return NodePods.indexOfTask(taskName).map(NodePods::podName).orElse(taskName);
    }
}
