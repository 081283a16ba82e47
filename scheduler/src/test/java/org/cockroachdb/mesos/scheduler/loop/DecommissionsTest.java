package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.junit.jupiter.api.Test;

/**
 * Which removed pod goes next and what it needs, from every stage a scheduler may find stored
 * after a crash; when a forgotten pod's reservations count as released.
 */
class DecommissionsTest {

    private static final String KEY_4 = Decommissions.PROPERTY_PREFIX + NodePods.taskName(4);
    private static final String KEY_3 = Decommissions.PROPERTY_PREFIX + NodePods.taskName(3);

    private static TaskRecord node(int index, TaskState state, boolean ready, Optional<String> nodeId) {
        String name = NodePods.taskName(index);
        TaskInfo info = TaskInfo.newBuilder().setName(name).setTaskId(TaskID.newBuilder().setValue(name + "__1"))
                .setAgentId(AgentID.newBuilder().setValue("agent-" + index))
                .addResources(reserved("cpus-" + index))
                .setExecutor(ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue("exec-" + index))
                        .setFrameworkId(FrameworkID.newBuilder().setValue("fw")).addResources(reserved("exec-" + index)))
                .build();
        TaskStatus status = TaskStatus.newBuilder().setTaskId(info.getTaskId()).setState(state).build();
        return new TaskRecord(name, info.toByteString(), Optional.of(status.toByteString()), nodeId, ready);
    }

    private static TaskRecord up(int index) {
        return node(index, TaskState.TASK_RUNNING, true, Optional.of(Integer.toString(index + 1)));
    }

    private static Resource reserved(String resourceId) {
        return Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(0.5))
                .addReservations(Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
                        .setRole("cockroachdb-role").setPrincipal("cockroachdb-principal")
                        .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("resource_id")
                                .setValue(resourceId))))
                .build();
    }

    private static Decommissions.Next next(int nodeCount, List<TaskRecord> tasks, Map<String, String> properties) {
        return Decommissions.next(Decommissions.removals(nodeCount, tasks, properties));
    }

    private static String stage(DecommissionRecord.Stage stage) {
        return DecommissionRecord.decommissioning(Optional.of("5")).at(stage).encode();
    }

    @Test
    void theHighestPodGoesFirstAndOnlyAfterTheHealthGate() {
        List<TaskRecord> tasks = List.of(up(0), up(1), up(2), up(3), up(4));

        Decommissions.Next next = next(3, tasks, Map.of());

        assertThat(next.kind()).isEqualTo(Decommissions.Kind.GATE);
        assertThat(next.removal().orElseThrow().podName()).isEqualTo("cockroachdb-4");
        assertThat(next(5, tasks, Map.of()).kind()).isEqualTo(Decommissions.Kind.IDLE);
    }

    @Test
    void eachStoredStageResumesWhereItWas() {
        List<TaskRecord> running = List.of(up(0), up(1), up(2), up(3), up(4));
        List<TaskRecord> killed = List.of(up(0), up(1), up(2), up(3),
                node(4, TaskState.TASK_KILLED, false, Optional.of("5")));
        List<TaskRecord> forgotten = List.of(up(0), up(1), up(2), up(3));

        Decommissions.Next job = next(4, running, Map.of(KEY_4, stage(DecommissionRecord.Stage.DECOMMISSIONING)));
        assertThat(job.kind()).isEqualTo(Decommissions.Kind.RUN_JOB);
        assertThat(job.nodeId()).isEqualTo("5");
        assertThat(next(4, running, Map.of(KEY_4, stage(DecommissionRecord.Stage.DECOMMISSIONED))).kind())
                .isEqualTo(Decommissions.Kind.KILL);
        assertThat(next(4, killed, Map.of(KEY_4, stage(DecommissionRecord.Stage.DECOMMISSIONED))).kind())
                .isEqualTo(Decommissions.Kind.FORGET);
        assertThat(next(4, killed, Map.of(KEY_4, stage(DecommissionRecord.Stage.UNRESERVING))).kind())
                .as("stored UNRESERVING, crashed before the task record was deleted").isEqualTo(Decommissions.Kind.FORGET);
        assertThat(next(4, forgotten, Map.of(KEY_4, stage(DecommissionRecord.Stage.UNRESERVING))).kind())
                .isEqualTo(Decommissions.Kind.AWAIT_UNRESERVE);
        assertThat(next(4, forgotten, Map.of(KEY_4, stage(DecommissionRecord.Stage.DONE))).kind())
                .isEqualTo(Decommissions.Kind.IDLE);
    }

    @Test
    void aRunningNodeIsNeverKilledOrForgottenBeforeItsDecommissionFinished() {
        List<TaskRecord> running = List.of(up(0), up(1), up(2), up(3), up(4));
        for (Map<String, String> props : List.of(Map.<String, String>of(),
                Map.of(KEY_4, stage(DecommissionRecord.Stage.DECOMMISSIONING)))) {
            assertThat(next(4, running, props).kind()).isIn(Decommissions.Kind.GATE, Decommissions.Kind.RUN_JOB);
        }
        // Even a dead node is decommissioned (its data is up-replicated elsewhere) before it is forgotten.
        List<TaskRecord> dead = List.of(up(0), up(1), up(2), up(3), node(4, TaskState.TASK_FAILED, false,
                Optional.of("5")));
        assertThat(next(4, dead, Map.of()).kind()).isEqualTo(Decommissions.Kind.GATE);
    }

    @Test
    void oneNodeAtATimeTheNextOnlyOnceTheFirstIsDone() {
        List<TaskRecord> tasks = List.of(up(0), up(1), up(2), up(3), up(4));
        Map<String, String> props = new HashMap<>(Map.of(KEY_4, stage(DecommissionRecord.Stage.DECOMMISSIONED)));

        Decommissions.Next first = next(3, tasks, props);
        assertThat(first.removal().orElseThrow().podIndex()).isEqualTo(4);
        assertThat(first.kind()).isEqualTo(Decommissions.Kind.KILL);

        props.put(KEY_4, stage(DecommissionRecord.Stage.DONE));
        Decommissions.Next second = next(3, List.of(up(0), up(1), up(2), up(3)), props);
        assertThat(second.removal().orElseThrow().podIndex()).isEqualTo(3);
        assertThat(second.kind()).isEqualTo(Decommissions.Kind.GATE);

        Plan plan = Decommissions.plan(Decommissions.removals(3, List.of(up(0), up(1), up(2), up(3)), props),
                Optional.of("1 of 4 nodes live"), id -> Decommissions.JobProgress.none(), false);
        assertThat(plan.phases()).extracting(p -> p.name()).containsExactly("cockroachdb-4", "cockroachdb-3");
        assertThat(plan.phases().get(0).status()).isEqualTo(Status.COMPLETE);
        assertThat(plan.phases().get(1).steps()).extracting(Step::name).containsExactly(
                "cockroachdb-3:[decommission]", "cockroachdb-3:[kill]", "cockroachdb-3:[unreserve]");
        assertThat(plan.phases().get(1).steps().get(0).message()).contains("health gate").contains("1 of 4 nodes live");
        assertThat(plan.status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void aNodeThatNeverReportedAnIdIsWaitedForWhileItRunsAndSkippedOnceOver() {
        assertThat(next(3, List.of(up(0), node(3, TaskState.TASK_RUNNING, false, Optional.empty())), Map.of()).kind())
                .isEqualTo(Decommissions.Kind.WAIT_FOR_NODE_ID);
        assertThat(next(3, List.of(up(0), node(3, TaskState.TASK_FAILED, false, Optional.empty())), Map.of()).kind())
                .isEqualTo(Decommissions.Kind.SKIP_DECOMMISSION);
    }

    @Test
    void aFailedJobShowsItsReasonAndRetryDelay() {
        Plan plan = Decommissions.plan(Decommissions.removals(4, List.of(up(0), up(4)),
                Map.of(KEY_4, stage(DecommissionRecord.Stage.DECOMMISSIONING))), Optional.empty(),
                id -> new Decommissions.JobProgress(false, Optional.of("retry in 5s (failure 2 in a row)"),
                        Optional.of("TASK_FAILED: ERROR: boom")), false);

        Step step = plan.phases().get(0).steps().get(0);
        assertThat(step.status()).isEqualTo(Status.DELAYED);
        assertThat(step.message()).contains("node 5").contains("ERROR: boom").contains("retry in 5s");
    }

    @Test
    void recordsOfPodsWantedAgainAreStale() {
        Map<String, String> props = Map.of(KEY_4, stage(DecommissionRecord.Stage.DONE),
                KEY_3, stage(DecommissionRecord.Stage.UNRESERVING), "placed:x", "a");

        assertThat(Decommissions.staleProperties(4, props)).containsExactly(KEY_3);
        assertThat(Decommissions.staleProperties(3, props)).isEmpty();
    }

    @Test
    void reservationsCountAsReleasedOnlyWhenNoneIsOfferedAnyMoreAndTheExecutorIsGone() {
        TaskRecord task = node(4, TaskState.TASK_KILLED, false, Optional.of("5"));
        DecommissionRecord record = DecommissionRecord.decommissioning(Optional.of("5"))
                .unreserving("agent-4", "exec-4", Decommissions.resourceIds(task));
        assertThat(record.resourceIds()).containsExactlyInAnyOrder("cpus-4", "exec-4");

        Offer withExecutor = offer("agent-4", List.of(), true);
        Offer withReservations = offer("agent-4", List.of(reserved("cpus-4"), reserved("exec-4")), false);
        Offer empty = offer("agent-4", List.of(), false);
        Offer elsewhere = offer("agent-1", List.of(), false);

        assertThat(Decommissions.goneFrom(record, withExecutor)).isFalse();
        assertThat(Decommissions.goneFrom(record, withReservations)).isFalse();
        assertThat(Decommissions.goneFrom(record, elsewhere)).isFalse();
        assertThat(Decommissions.goneFrom(record, empty)).isTrue();
        Offer.Operation unreserveBoth = Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
                .setUnreserve(Offer.Operation.Unreserve.newBuilder().addAllResources(withReservations.getResourcesList()))
                .build();
        Offer.Operation unreserveOne = Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
                .setUnreserve(Offer.Operation.Unreserve.newBuilder().addResources(reserved("cpus-4"))).build();
        assertThat(Decommissions.releasedBy(record, withReservations, List.of(unreserveBoth))).isTrue();
        assertThat(Decommissions.releasedBy(record, withReservations, List.of(unreserveOne))).isFalse();
        assertThat(DecommissionRecord.decode(record.encode())).isEqualTo(record);
    }

    @Test
    void aReplacedNodeIsDecommissionedOnlyOnceItsPodRunsAgain() {
        Map<String, String> props = Map.of(Decommissions.REPLACED_PROPERTY_PREFIX + "2",
                new Decommissions.ReplacedNode("2", "cockroachdb-1", false).encode());
        List<Decommissions.ReplacedNode> replaced = Decommissions.replaced(props);

        assertThat(Decommissions.replacedReady(replaced, Map.of(NodePods.taskName(1),
                node(1, TaskState.TASK_STAGING, false, Optional.empty())), 3)).isEmpty();
        assertThat(Decommissions.replacedReady(replaced, Map.of(NodePods.taskName(1), up(1)), 3))
                .map(Decommissions.ReplacedNode::nodeId).contains("2");
        Plan plan = Decommissions.replacePlan(replaced, Map.of(), 3, id -> Decommissions.JobProgress.none());
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("cockroachdb-1:[decommission-node-2]");
            assertThat(s.status()).isEqualTo(Status.PENDING);
        });
        assertThat(ReplaceIntent.decode("agent-7")).isEqualTo(new ReplaceIntent("agent-7", Optional.empty()));
        ReplaceIntent intent = new ReplaceIntent("agent-7", Optional.of("2"));
        assertThat(ReplaceIntent.decode(intent.encode())).isEqualTo(intent);
        ReplaceIntent withIds = new ReplaceIntent("agent-7", Optional.of("2"), List.of("r1", "vol-1"));
        assertThat(ReplaceIntent.decode(withIds.encode())).isEqualTo(withIds);
    }

    @Test
    void aReplacedNodeWhosePodWasScaledAwayIsDecommissionedOnceTheNodesThatStayAreUp() {
        // Pod 4 was replaced (old node 5), then NODE_COUNT went to 4: its new node was removed.
        Map<String, String> props = Map.of(Decommissions.REPLACED_PROPERTY_PREFIX + "5",
                new Decommissions.ReplacedNode("5", NodePods.podName(4), false).encode());
        List<Decommissions.ReplacedNode> replaced = Decommissions.replaced(props);
        Map<String, TaskRecord> allUp = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            allUp.put(NodePods.taskName(i), up(i));
        }
        Map<String, TaskRecord> oneDown = new HashMap<>(allUp);
        oneDown.put(NodePods.taskName(2), node(2, TaskState.TASK_FAILED, false, Optional.of("3")));

        assertThat(Decommissions.replacedReady(replaced, allUp, 4)).map(Decommissions.ReplacedNode::nodeId)
                .contains("5");
        assertThat(Decommissions.replacedReady(replaced, oneDown, 4)).isEmpty();
        assertThat(Decommissions.replacePlan(replaced, oneDown, 4, id -> Decommissions.JobProgress.none()).steps())
                .singleElement().satisfies(s -> {
                    assertThat(s.status()).isEqualTo(Status.PENDING);
                    assertThat(s.message()).contains("scaled away");
                });
        assertThat(Decommissions.replacePlan(replaced, allUp, 4, id -> Decommissions.JobProgress.none()).steps())
                .singleElement().satisfies(s -> assertThat(s.message()).contains("decommission of node 5"));
    }

    @Test
    void aLaunchOnAFreshVolumeKeepsNoNodeIdSoAScaleDownWaitsForTheNewOne() {
        String task = NodePods.taskName(4);
        TaskRecord replacedAway = node(4, TaskState.TASK_KILLED, false, Optional.of("5"));
        Map<String, String> replacing = Map.of(SchedulerLoop.REPLACING_PROPERTY_PREFIX + task,
                new ReplaceIntent("agent-4", Optional.of("5")).encode());
        Map<String, String> placed = Map.of(SchedulerLoop.PLACED_PROPERTY_PREFIX + task, "agent-4");

        assertThat(StoredTasks.nodeIdOnLaunch(task, replacedAway, replacing)).isEmpty();
        assertThat(StoredTasks.nodeIdOnLaunch(task, replacedAway, Map.of())).isEmpty();
        assertThat(StoredTasks.nodeIdOnLaunch(task, replacedAway, placed)).contains("5");
        assertThat(StoredTasks.nodeIdOnLaunch(task, null, placed)).isEmpty();

        // The relaunched pod has not reported its new id yet when NODE_COUNT drops to 4.
        TaskRecord relaunched = node(4, TaskState.TASK_RUNNING, true,
                StoredTasks.nodeIdOnLaunch(task, replacedAway, replacing));
        Decommissions.Next next = Decommissions.next(Decommissions.removals(4, List.of(up(0), relaunched), Map.of()));
        assertThat(next.kind()).isEqualTo(Decommissions.Kind.WAIT_FOR_NODE_ID);
    }

    private static Offer offer(String agent, List<Resource> resources, boolean executorRuns) {
        Offer.Builder offer = Offer.newBuilder().setId(OfferID.newBuilder().setValue("o-" + agent))
                .setFrameworkId(FrameworkID.newBuilder().setValue("fw"))
                .setAgentId(AgentID.newBuilder().setValue(agent)).setHostname(agent).addAllResources(resources);
        if (executorRuns) {
            offer.addExecutorIds(ExecutorID.newBuilder().setValue("exec-4"));
        }
        return offer.build();
    }
}
