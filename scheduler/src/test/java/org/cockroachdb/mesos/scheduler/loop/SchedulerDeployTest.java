package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.offer.OrphanCollector;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.state.CuratorZkStore;
import org.cockroachdb.mesos.scheduler.state.StateStore;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.cockroachdb.mesos.scheduler.state.ZkConnection;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.EmulatorState;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's Mesos side end to end on the emulator (real HTTP, real ZooKeeper, real executor
 * processes that run no database): reservations and volumes, persist-before-accept, reconciliation
 * after a restart, relaunch in place.
 */
class SchedulerDeployTest {

    private static final Duration DEPLOY = Duration.ofSeconds(60);

    @TempDir
    Path work;
    private TestingServer zk;
    private MesosEmulator emulator;
    private ScheduledService scheduler;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(3, work).fast());
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        emulator.close();
        zk.close();
    }

    private ScheduledService startScheduler() throws Exception {
        return ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(), 3, Map.of());
    }

    private void awaitDeployed(ScheduledService s) {
        await().atMost(DEPLOY).pollInterval(Duration.ofMillis(100))
                .until(() -> s.service.view().plans().get(0).status() == Status.COMPLETE);
    }

    private List<TaskInfo> storedTasks(ScheduledService s) {
        return s.service.store().tasks().stream().map(TaskRecord::taskInfo).map(NodeTaskInfos::parse).toList();
    }

    @Test
    void deploysOneNodePerAgentOnLabelledReservationsAndVolumesPersistedBeforeTheAccept() throws Exception {
        scheduler = startScheduler();
        awaitDeployed(scheduler);

        List<TaskInfo> tasks = storedTasks(scheduler);
        assertThat(tasks).extracting(TaskInfo::getName).containsExactlyInAnyOrder(
                "cockroachdb-0-node-init", "cockroachdb-1-node-join", "cockroachdb-2-node-join");
        assertThat(tasks.stream().map(t -> t.getAgentId().getValue()).distinct()).hasSize(3);
        for (TaskInfo task : tasks) {
            assertThat(task.getResourcesList()).allSatisfy(r -> assertThat(OrphanCollector.resourceIds(List.of(r)))
                    .isNotEmpty());
            assertThat(task.getResourcesList()).anySatisfy(r -> assertThat(r.getDisk().getPersistence().getId())
                    .startsWith(task.getName().replace("-node-init", "").replace("-node-join", "")));
        }
        EmulatorState state = emulator.state();
        assertThat(state.volumes()).hasSize(3);
        assertThat(state.tasks()).hasSize(3);

        for (Call accept : scheduler.callsOf(Call.Type.ACCEPT)) {
            List<Offer.Operation> ops = accept.getAccept().getOperationsList();
            List<Offer.Operation.Type> types = ops.stream().map(Offer.Operation::getType).toList();
            if (types.contains(Offer.Operation.Type.LAUNCH)) {
                assertThat(types.indexOf(Offer.Operation.Type.RESERVE)).isLessThan(types.indexOf(Offer.Operation.Type.CREATE));
                assertThat(types.indexOf(Offer.Operation.Type.CREATE)).isLessThan(types.indexOf(Offer.Operation.Type.LAUNCH));
                String launched = ops.get(types.indexOf(Offer.Operation.Type.LAUNCH)).getLaunch().getTaskInfos(0)
                        .getTaskId().getValue();
                assertThat(scheduler.calls).filteredOn(c -> c.call() == accept).singleElement()
                        .satisfies(c -> assertThat(c.storedTaskIds()).contains(launched));
            }
        }
        assertThat(scheduler.service.store().property(SchedulerLoop.INITIALIZED_PROPERTY)).contains("true");
        assertThat(scheduler.service.store().tasks()).allSatisfy(r -> assertThat(r.cockroachNodeId()).isPresent());
    }

    @Test
    void aRestartedSchedulerReconcilesFirstAndLaunchesNothingNew() throws Exception {
        scheduler = startScheduler();
        awaitDeployed(scheduler);
        Set<String> ids = storedTasks(scheduler).stream().map(t -> t.getTaskId().getValue()).collect(Collectors.toSet());
        List<String> reservations = List.copyOf(emulator.state().reservations());
        scheduler.close();

        scheduler = startScheduler();
        await().atMost(DEPLOY).until(() -> !scheduler.service.view().initializing());
        awaitDeployed(scheduler);

        List<Call> made = scheduler.calls.stream().map(ScheduledService.SentCall::call)
                .filter(c -> c.getType() != Call.Type.ACKNOWLEDGE).toList();
        assertThat(made).first().extracting(Call::getType).isEqualTo(Call.Type.RECONCILE);
        assertThat(scheduler.callsOf(Call.Type.ACCEPT)).isEmpty();
        assertThat(storedTasks(scheduler)).extracting(t -> t.getTaskId().getValue()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(emulator.state().tasks()).hasSize(3);
        assertThat(emulator.state().reservations()).containsExactlyInAnyOrderElementsOf(reservations);
    }

    @Test
    void aNodeWhoseExecutorDiesIsRelaunchedInPlaceOnItsReservationsAndVolume() throws Exception {
        scheduler = startScheduler();
        awaitDeployed(scheduler);
        TaskInfo before = storedTasks(scheduler).stream().filter(t -> t.getName().equals("cockroachdb-1-node-join"))
                .findFirst().orElseThrow();

        assertThat(emulator.faults().crashExecutor(scheduler.service.view().frameworkId().orElseThrow(),
                before.getExecutor().getExecutorId().getValue())).isTrue();

        await().atMost(DEPLOY).until(() -> storedTasks(scheduler).stream()
                .filter(t -> t.getName().equals(before.getName()))
                .anyMatch(t -> !t.getTaskId().equals(before.getTaskId())));
        awaitDeployed(scheduler);
        TaskInfo after = storedTasks(scheduler).stream().filter(t -> t.getName().equals(before.getName()))
                .findFirst().orElseThrow();
        assertThat(after.getAgentId()).isEqualTo(before.getAgentId());
        assertThat(OrphanCollector.resourceIds(after.getResourcesList()))
                .isEqualTo(OrphanCollector.resourceIds(before.getResourcesList()));
        assertThat(persistenceIds(after)).isEqualTo(persistenceIds(before)).isNotEmpty();
        assertThat(emulator.state().volumes()).hasSize(3);
    }

    @Test
    void aBadValueOnFirstInstallRefusesToStartAndRegistersNothing() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScheduledService.start(emulator.masterUri().toString(),
                zk.getConnectString(), 3, Map.of("NODE_DISK_TYPE", "FLOPPY")))
                .hasMessageContaining("NODE_DISK_TYPE").hasMessageContaining("ROOT|MOUNT");
        assertThat(emulator.state().frameworks()).isEmpty();
    }

    @Test
    void aRefusedChangeKeepsTheOldTargetAndStillRelaunchesAFailedNode() throws Exception {
        scheduler = startScheduler();
        awaitDeployed(scheduler);
        scheduler.close();
        scheduler = ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(), 3,
                Map.of("NODE_DISK_TYPE", "FLOPPY"));
        await().atMost(DEPLOY).until(() -> !scheduler.service.view().initializing());
        assertThat(scheduler.service.view().plans().get(0).errors())
                .anySatisfy(e -> assertThat(e).contains("NODE_DISK_TYPE"));
        TaskInfo before = storedTasks(scheduler).stream().filter(t -> t.getName().equals("cockroachdb-2-node-join"))
                .findFirst().orElseThrow();

        emulator.faults().crashExecutor(scheduler.service.view().frameworkId().orElseThrow(),
                before.getExecutor().getExecutorId().getValue());

        await().atMost(DEPLOY).until(() -> scheduler.service.store().tasks().stream()
                .filter(r -> r.taskName().equals(before.getName()))
                .anyMatch(r -> r.ready() && !NodeTaskInfos.parse(r.taskInfo()).getTaskId().equals(before.getTaskId())));
        assertThat(storedTasks(scheduler).stream().filter(t -> t.getName().equals(before.getName())).findFirst()
                .orElseThrow().getAgentId()).isEqualTo(before.getAgentId());
        assertThat(scheduler.service.view().plans().get(0).status()).isEqualTo(Status.ERROR);
    }

    @Test
    void aTaskStoredButNeverLaunchedIsPlacedAfreshNotOnReservationsThatNeverExisted() throws Exception {
        // As if the scheduler died between storing the TaskInfo and sending its ACCEPT.
        try (CuratorZkStore zkStore = CuratorZkStore.connect(ZkConnection.of(zk.getConnectString(), "cockroachdb"));
                StateStore store = StateStore.lead(zkStore, "earlier", StateStore.Options.defaults(), DEPLOY)
                        .orElseThrow()) {
            store.storeTarget(TargetDecision.settingsJson(
                    ScheduledService.env(emulator.masterUri().toString(), zk.getConnectString(), 3, Map.of())));
            Resource ghost = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                    .setScalar(Value.Scalar.newBuilder().setValue(0.5))
                    .addReservations(Resource.ReservationInfo.newBuilder().setType(Resource.ReservationInfo.Type.DYNAMIC)
                            .setRole("cockroachdb-role").setPrincipal("cockroachdb-principal")
                            .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("resource_id")
                                    .setValue("never-reserved"))))
                    .build();
            TaskInfo lost = TaskInfo.newBuilder().setName("cockroachdb-0-node-init")
                    .setTaskId(TaskID.newBuilder().setValue("cockroachdb__cockroachdb-0-node-init__never-accepted"))
                    .setAgentId(AgentID.newBuilder().setValue(emulator.state().agent(0).id()))
                    .addResources(ghost)
                    .setLabels(Labels.newBuilder().addLabels(Label.newBuilder()
                            .setKey(NodeTaskInfos.REVISION_LABEL).setValue("1")))
                    .build();
            store.storeTask(TaskRecord.launching(lost.getName(), lost.toByteString()));
        }

        scheduler = startScheduler();
        awaitDeployed(scheduler);

        TaskInfo relaunched = storedTasks(scheduler).stream().filter(t -> t.getName().equals("cockroachdb-0-node-init"))
                .findFirst().orElseThrow();
        assertThat(OrphanCollector.resourceIds(relaunched.getResourcesList())).doesNotContain("never-reserved");
        assertThat(emulator.state().tasks()).hasSize(3);
    }

    @Test
    void reservationsAndAVolumeNoStoredTaskNeedsAnyMoreAreDestroyedAndUnreserved() throws Exception {
        scheduler = startScheduler();
        awaitDeployed(scheduler);
        TaskInfo forgotten = storedTasks(scheduler).stream().filter(t -> t.getName().equals("cockroachdb-2-node-join"))
                .findFirst().orElseThrow();
        Set<String> orphanPersistence = persistenceIds(forgotten);
        scheduler.close();
        // As if the scheduler had lost track of the pod: its reservations are ours but nobody's now.
        emulator.faults().crashExecutor(emulator.state().frameworks().get(0).id(),
                forgotten.getExecutor().getExecutorId().getValue());
        await().atMost(DEPLOY).until(() -> emulator.state().tasks().stream()
                .filter(t -> t.taskId().equals(forgotten.getTaskId().getValue()))
                .allMatch(t -> !"TASK_RUNNING".equals(t.agentState())));
        try (CuratorZkStore zkStore = CuratorZkStore.connect(ZkConnection.of(zk.getConnectString(), "cockroachdb"));
                StateStore store = StateStore.lead(zkStore, "operator", StateStore.Options.defaults(), DEPLOY)
                        .orElseThrow()) {
            store.deleteTask(forgotten.getName());
            store.deleteProperty(SchedulerLoop.PLACED_PROPERTY_PREFIX + forgotten.getName());
        }

        scheduler = startScheduler();
        awaitDeployed(scheduler);
        await().atMost(DEPLOY).untilAsserted(() -> assertThat(emulator.state().volumes())
                .extracting(EmulatorState.VolumeView::persistenceId).hasSize(3)
                .doesNotContainAnyElementsOf(orphanPersistence));

        List<Call> cleanups = scheduler.callsOf(Call.Type.ACCEPT).stream()
                .filter(c -> c.getAccept().getOperationsList().stream()
                        .noneMatch(o -> o.getType() == Offer.Operation.Type.LAUNCH))
                .toList();
        List<Offer.Operation.Type> order = cleanups.stream().flatMap(c -> c.getAccept().getOperationsList().stream())
                .map(Offer.Operation::getType).toList();
        assertThat(order).contains(Offer.Operation.Type.DESTROY, Offer.Operation.Type.UNRESERVE);
        assertThat(order.indexOf(Offer.Operation.Type.DESTROY))
                .isLessThan(order.lastIndexOf(Offer.Operation.Type.UNRESERVE));
        await().atMost(DEPLOY).untilAsserted(() -> assertThat(emulator.state().reservations()).hasSize(3 * 6));
    }

    /** The persistence ids of the volumes a task runs on. */
    static Set<String> persistenceIds(TaskInfo task) {
        return task.getResourcesList().stream().filter(Resource::hasDisk).filter(r -> r.getDisk().hasPersistence())
                .map(r -> r.getDisk().getPersistence().getId()).collect(Collectors.toSet());
    }
}
