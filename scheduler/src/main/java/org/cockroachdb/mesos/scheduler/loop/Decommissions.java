package org.cockroachdb.mesos.scheduler.loop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.offer.OrphanCollector;
import org.cockroachdb.mesos.scheduler.plan.DecommissionPlan;
import org.cockroachdb.mesos.scheduler.plan.DecommissionPlan.StepState;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.ReplacePlan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/**
 * What removing nodes takes next, decided from the stored tasks and decommission records alone
 * (pure; the loop acts and persists). A scale-down removes the pods beyond the node count one at a
 * time, highest index first: health gate, decommission job, kill, forget and release the
 * reservations. A replaced pod's old node id is decommissioned once the pod runs again (or, when the
 * pod was scaled away, once every node that stays is up).
 */
final class Decommissions {

    /** {@code decommission:<task>} holds a {@link DecommissionRecord}. */
    static final String PROPERTY_PREFIX = "decommission:";
    /** {@code decommission-replaced:<node id>} holds a {@link ReplacedNode}. */
    static final String REPLACED_PROPERTY_PREFIX = "decommission-replaced:";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Decommissions() {
    }

    /** A pod a scale-down removes, with what is stored about it. */
    record Removal(int podIndex, Optional<TaskRecord> task, Optional<DecommissionRecord> record) {

        String taskName() {
            return NodePods.taskName(podIndex);
        }

        String podName() {
            return NodePods.podName(podIndex);
        }

        boolean done() {
            return record.map(r -> r.stage() == DecommissionRecord.Stage.DONE).orElse(false);
        }

        /** The node id being decommissioned: the recorded one once started, else what the task reported. */
        Optional<String> nodeId() {
            return record.isPresent() ? record.get().nodeId() : task.flatMap(TaskRecord::cockroachNodeId);
        }
    }

    /** A replaced pod's old node id, to be decommissioned once the pod runs again. */
    record ReplacedNode(String nodeId, String pod, boolean done) {

        String encode() {
            return JSON.createObjectNode().put("pod", pod).put("done", done).toString();
        }

        static ReplacedNode decode(String nodeId, String json) {
            try {
                JsonNode in = JSON.readTree(json);
                return new ReplacedNode(nodeId, in.path("pod").asText(), in.path("done").asBoolean(false));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored replaced-node record cannot be read: " + json, e);
            }
        }
    }

    /** What the removal in progress needs next. */
    enum Kind {
        /** Nothing to remove. */
        IDLE,
        /** The node runs but has not said which node id it is; nothing may start without it. */
        WAIT_FOR_NODE_ID,
        /** Not started: the cluster health gate must pass first, then the record goes to DECOMMISSIONING. */
        GATE,
        /** The node never reported a node id and is over: there is nothing to decommission. */
        SKIP_DECOMMISSION,
        /** Run (or keep running, or retry) the decommission job of the node id. */
        RUN_JOB,
        /** Decommissioned: kill the node task. */
        KILL,
        /** The task is over: record where its reservations are, then forget the task. */
        FORGET,
        /** Forgotten: wait until its reservations are released. */
        AWAIT_UNRESERVE
    }

    /** The next step, and the removal it is for (empty when idle). */
    record Next(Kind kind, Optional<Removal> removal) {
        static Next idle() {
            return new Next(Kind.IDLE, Optional.empty());
        }

        static Next of(Kind kind, Removal removal) {
            return new Next(kind, Optional.of(removal));
        }

        /** The node id of a RUN_JOB step. */
        String nodeId() {
            return removal.flatMap(Removal::nodeId).orElseThrow();
        }

        DecommissionRecord record() {
            return removal.flatMap(Removal::record).orElseThrow();
        }
    }

    /**
     * The pods beyond {@code nodeCount} that still have a task or a decommission record, highest
     * index first.
     */
    static List<Removal> removals(int nodeCount, Collection<TaskRecord> tasks, Map<String, String> properties) {
        Map<Integer, Removal> byIndex = new TreeMap<>(Comparator.reverseOrder());
        for (TaskRecord task : tasks) {
            NodePods.indexOfTask(task.taskName()).filter(i -> i >= nodeCount).ifPresent(i -> byIndex.put(i,
                    new Removal(i, Optional.of(task), record(properties, task.taskName()))));
        }
        properties.forEach((key, value) -> {
            if (key.startsWith(PROPERTY_PREFIX)) {
                NodePods.indexOfTask(key.substring(PROPERTY_PREFIX.length())).filter(i -> i >= nodeCount)
                        .filter(i -> !byIndex.containsKey(i))
                        .ifPresent(i -> byIndex.put(i, new Removal(i, Optional.empty(),
                                Optional.of(DecommissionRecord.decode(value)))));
            }
        });
        return List.copyOf(byIndex.values());
    }

    /**
     * Decommission records of pods the target wants again (NODE_COUNT raised once their task was
     * forgotten): the pod starts afresh, and an old record must not skip its next decommission.
     */
    static List<String> staleProperties(int nodeCount, Map<String, String> properties) {
        return properties.keySet().stream().filter(k -> k.startsWith(PROPERTY_PREFIX))
                .filter(k -> NodePods.indexOfTask(k.substring(PROPERTY_PREFIX.length())).map(i -> i < nodeCount)
                        .orElse(false))
                .sorted().toList();
    }

    /** Every replaced node id on record, in node id order. */
    static List<ReplacedNode> replaced(Map<String, String> properties) {
        List<ReplacedNode> nodes = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(REPLACED_PROPERTY_PREFIX)) {
                nodes.add(ReplacedNode.decode(key.substring(REPLACED_PROPERTY_PREFIX.length()), value));
            }
        });
        nodes.sort(Comparator.comparing((ReplacedNode n) -> n.nodeId().length()).thenComparing(ReplacedNode::nodeId));
        return List.copyOf(nodes);
    }

    /** The next step of the removal in progress: the highest pod not done; one pod at a time. */
    static Next next(List<Removal> removals) {
        for (Removal removal : removals) {
            if (removal.done()) {
                continue;
            }
            if (removal.record().isEmpty()) {
                if (removal.task().isEmpty()) {
                    continue;
                }
                if (removal.nodeId().isEmpty()) {
                    return Next.of(over(removal.task()) ? Kind.SKIP_DECOMMISSION : Kind.WAIT_FOR_NODE_ID, removal);
                }
                return Next.of(Kind.GATE, removal);
            }
            DecommissionRecord record = removal.record().get();
            return switch (record.stage()) {
                // Without a node id (skipped) there is no job: straight to the kill.
                case DECOMMISSIONING -> record.nodeId().isPresent() ? Next.of(Kind.RUN_JOB, removal) : killOrForget(removal);
                case DECOMMISSIONED -> killOrForget(removal);
                case UNRESERVING -> Next.of(removal.task().isPresent() ? Kind.FORGET : Kind.AWAIT_UNRESERVE, removal);
                case DONE -> throw new IllegalStateException("done removals are skipped");
            };
        }
        return Next.idle();
    }

    private static Next killOrForget(Removal removal) {
        return Next.of(removal.task().isPresent() && !over(removal.task()) ? Kind.KILL : Kind.FORGET, removal);
    }

    /**
     * The first replaced node id whose decommission may run now: its pod runs and is ready again, or
     * the pod was scaled away (it never runs again), and then every node that stays must be up.
     */
    static Optional<ReplacedNode> replacedReady(List<ReplacedNode> nodes, Map<String, TaskRecord> tasks,
            int nodeCount) {
        return nodes.stream().filter(n -> !n.done())
                .filter(n -> podUp(n, tasks) || scaledAway(n, nodeCount) && everyDesiredUp(tasks, nodeCount))
                .findFirst();
    }

    private static boolean scaledAway(ReplacedNode node, int nodeCount) {
        return NodePods.indexOfPod(node.pod()).map(i -> i >= nodeCount).orElse(false);
    }

    private static boolean everyDesiredUp(Map<String, TaskRecord> tasks, int nodeCount) {
        return NodePods.desired(nodeCount).stream().allMatch(n -> StoredTasks.isUp(tasks.get(n.taskName())));
    }

    /** The resource ids a stored node task holds: task, volume and executor reservations. */
    static List<String> resourceIds(TaskRecord record) {
        var info = StoredTasks.info(record);
        Set<String> ids = new java.util.LinkedHashSet<>(OrphanCollector.resourceIds(info.getResourcesList()));
        ids.addAll(OrphanCollector.resourceIds(info.getExecutor().getResourcesList()));
        return List.copyOf(ids);
    }

    /**
     * Whether an offer shows a forgotten pod's reservations gone: it comes from their agent, none of
     * its resources carries one of their ids, and the pod's executor (which holds some of them until
     * it exits) no longer runs there.
     */
    static boolean goneFrom(DecommissionRecord record, Offer offer) {
        if (record.agentId().isEmpty() || !offer.getAgentId().getValue().equals(record.agentId().get())) {
            return false;
        }
        Set<String> offered = OrphanCollector.resourceIds(offer.getResourcesList());
        return !executorRuns(record, offer) && record.resourceIds().stream().noneMatch(offered::contains);
    }

    private static boolean executorRuns(DecommissionRecord record, Offer offer) {
        return offer.getExecutorIdsList().stream()
                .anyMatch(e -> record.executorId().map(e.getValue()::equals).orElse(false));
    }

    /**
     * Whether these cleanup operations, once accepted, release every reservation of the record. Not
     * while the pod's executor still runs: it holds its own reservations, which are not offered yet.
     */
    static boolean releasedBy(DecommissionRecord record, Offer offer, List<Offer.Operation> operations) {
        if (record.agentId().isEmpty() || !offer.getAgentId().getValue().equals(record.agentId().get())
                || executorRuns(record, offer)) {
            return false;
        }
        Set<String> released = new HashSet<>();
        for (Offer.Operation op : operations) {
            List<Resource> resources = switch (op.getType()) {
                case DESTROY -> op.getDestroy().getVolumesList();
                case UNRESERVE -> op.getUnreserve().getResourcesList();
                default -> List.of();
            };
            released.addAll(OrphanCollector.resourceIds(resources));
        }
        Set<String> offered = OrphanCollector.resourceIds(offer.getResourcesList());
        // Ids the offer no longer carries were released before; the rest must be released now.
        return record.resourceIds().stream().allMatch(id -> released.contains(id) || !offered.contains(id));
    }

    /** How a node id's decommission job is doing, for the messages. */
    record JobProgress(boolean running, Optional<String> delayed, Optional<String> lastFailure) {
        static JobProgress none() {
            return new JobProgress(false, Optional.empty(), Optional.empty());
        }
    }

    /**
     * The decommission plan: one phase per removal, highest index first.
     *
     * @param gateWait why the health gate holds the next pod back, if it does
     * @param jobs     how each node id's job is doing
     * @param held     the operator interrupted the plan: nothing new starts
     */
    static Plan plan(List<Removal> removals, Optional<String> gateWait, Function<String, JobProgress> jobs,
            boolean held) {
        Next next = next(removals);
        List<DecommissionPlan.RemovedPod> pods = new ArrayList<>();
        for (Removal removal : removals) {
            pods.add(pod(removal, next, gateWait, jobs, held));
        }
        return DecommissionPlan.of(pods);
    }

    private static DecommissionPlan.RemovedPod pod(Removal removal, Next next, Optional<String> gateWait,
            Function<String, JobProgress> jobs, boolean held) {
        String node = removal.nodeId().map(id -> "node " + id).orElse("the node");
        StepState decommissioned = new StepState(Status.COMPLETE, removal.nodeId()
                .map(id -> "node " + id + " decommissioned")
                .orElse("the node never reported a node id; nothing to decommission"));
        if (removal.done()) {
            return new DecommissionPlan.RemovedPod(removal.podName(), decommissioned,
                    new StepState(Status.COMPLETE, removal.taskName() + " killed"),
                    new StepState(Status.COMPLETE, "task forgotten; its reservations and volume are released"));
        }
        boolean isCurrent = next.removal().map(c -> c.podIndex() == removal.podIndex()).orElse(false);
        if (!isCurrent) {
            StepState waiting = new StepState(Status.PENDING, "waiting for "
                    + next.removal().map(Removal::podName).orElse("the pods above") + " to be removed first");
            return new DecommissionPlan.RemovedPod(removal.podName(), waiting, waiting, waiting);
        }
        StepState decommission = switch (next.kind()) {
            case WAIT_FOR_NODE_ID -> new StepState(Status.PENDING, "waiting for the node to report its node id");
            case GATE -> new StepState(Status.PENDING, held ? "interrupted by the operator"
                    : "waiting for the cluster health gate before decommissioning " + node
                            + gateWait.map(w -> ": " + w).orElse(""));
            case RUN_JOB -> jobStep(next.nodeId(), jobs.apply(next.nodeId()), held);
            default -> decommissioned;
        };
        StepState kill = switch (next.kind()) {
            case KILL -> new StepState(Status.STARTING, "killing " + removal.taskName()
                    + " (it drains within its kill grace period)");
            case FORGET, AWAIT_UNRESERVE -> new StepState(Status.COMPLETE, removal.taskName() + " is over");
            default -> new StepState(Status.PENDING, "waiting for " + node + "'s decommission");
        };
        StepState unreserve = switch (next.kind()) {
            case FORGET -> new StepState(Status.STARTING, "forgetting " + removal.taskName());
            case AWAIT_UNRESERVE -> new StepState(Status.STARTING, "task forgotten; waiting for an offer from"
                    + " agent " + next.record().agentId().orElse("?") + " to DESTROY its volume and UNRESERVE its "
                    + next.record().resourceIds().size() + " reservation(s)");
            default -> new StepState(Status.PENDING, "waiting for " + removal.taskName() + " to be over");
        };
        return new DecommissionPlan.RemovedPod(removal.podName(), decommission, kill, unreserve);
    }

    private static StepState jobStep(String nodeId, JobProgress job, boolean held) {
        if (job.running()) {
            return new StepState(Status.STARTING, "decommissioning node " + nodeId
                    + ": waiting for its replicas to reach 0 and its membership to be decommissioned");
        }
        if (job.delayed().isPresent()) {
            return new StepState(Status.DELAYED, "decommission of node " + nodeId + " failed"
                    + job.lastFailure().map(f -> ": " + f).orElse("") + "; " + job.delayed().get());
        }
        if (held) {
            return new StepState(Status.PENDING, "decommission of node " + nodeId + " interrupted by the operator");
        }
        return new StepState(Status.PENDING, "decommission of node " + nodeId + " waiting for an offer"
                + job.lastFailure().map(f -> " (last attempt failed: " + f + ")").orElse(""));
    }

    /** The replace plan: one step per replaced node id. */
    static Plan replacePlan(List<ReplacedNode> nodes, Map<String, TaskRecord> tasks, int nodeCount,
            Function<String, JobProgress> jobs) {
        List<ReplacePlan.OldNode> out = new ArrayList<>();
        for (ReplacedNode node : nodes) {
            StepState state;
            if (node.done()) {
                state = new StepState(Status.COMPLETE, "old node " + node.nodeId() + " decommissioned");
            } else if (scaledAway(node, nodeCount) && !everyDesiredUp(tasks, nodeCount)) {
                state = new StepState(Status.PENDING, node.pod() + " was scaled away; its old node " + node.nodeId()
                        + " is decommissioned once every node that stays runs and is ready");
            } else if (!scaledAway(node, nodeCount) && !podUp(node, tasks)) {
                state = new StepState(Status.PENDING, "waiting for " + node.pod()
                        + " to run and be ready on its new agent before decommissioning its old node " + node.nodeId());
            } else {
                state = jobStep(node.nodeId(), jobs.apply(node.nodeId()), false);
            }
            out.add(new ReplacePlan.OldNode(node.pod(), node.nodeId(), state));
        }
        return ReplacePlan.of(out);
    }

    private static boolean podUp(ReplacedNode node, Map<String, TaskRecord> tasks) {
        return NodePods.indexOfPod(node.pod()).map(i -> tasks.get(NodePods.taskName(i)))
                .filter(StoredTasks::isUp).isPresent();
    }

    private static boolean over(Optional<TaskRecord> task) {
        return task.map(StoredTasks::mayLaunch).orElse(true);
    }

    private static Optional<DecommissionRecord> record(Map<String, String> properties, String taskName) {
        return Optional.ofNullable(properties.get(PROPERTY_PREFIX + taskName)).map(DecommissionRecord::decode);
    }
}
