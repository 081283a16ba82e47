package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.offer.OrphanCollector;
import org.cockroachdb.mesos.scheduler.plan.DecommissionPlan;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.EmulatorState;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lowering NODE_COUNT on the emulator, with executors that run no database but answer the health
 * gate and run decommission jobs: the highest pod is decommissioned by a job, killed, forgotten,
 * and its reservations and volume released; a failing job is retried; a scheduler restarted in the
 * middle carries on; a shrink below three nodes is refused and touches nothing.
 */
class DecommissionTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REMOVED = "cockroachdb-3-node-join";

    @TempDir
    Path work;
    private TestingServer zk;
    private MesosEmulator emulator;
    private ScheduledService scheduler;
    private Path failJobs;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(4, work.resolve("cluster")).fast());
        failJobs = work.resolve("fail-jobs");
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        emulator.close();
        zk.close();
    }

    private ScheduledService startScheduler(int nodes) throws Exception {
        Map<String, String> extra = new HashMap<>();
        extra.put("HEALTH_GATE_SETTLE_SECONDS", "0");
        extra.put("EXECUTOR_COMMAND", ScheduledService.executorCommand(Optional.of(failJobs)));
        return ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(), nodes, extra);
    }

    private Plan plan(String name) {
        return scheduler.service.view().plan(name).orElseThrow();
    }

    private void deploy(int nodes) throws Exception {
        scheduler = startScheduler(nodes);
        await().atMost(WAIT).until(() -> plan("deploy").status() == Status.COMPLETE);
    }

    private List<TaskInfo> storedTasks() {
        return scheduler.service.store().tasks().stream().map(TaskRecord::taskInfo).map(NodeTaskInfos::parse).toList();
    }

    private List<TaskInfo> launchedJobs() {
        return scheduler.callsOf(Call.Type.ACCEPT).stream().flatMap(c -> c.getAccept().getOperationsList().stream())
                .filter(o -> o.getType() == Offer.Operation.Type.LAUNCH)
                .flatMap(o -> o.getLaunch().getTaskInfosList().stream())
                .filter(t -> JobSpec.describesJob(t.getData().toByteArray())).toList();
    }

    @Test
    void loweringTheCountDecommissionsTheHighestPodThenKillsItAndReleasesItsReservationsAndVolume()
            throws Exception {
        deploy(4);
        TaskInfo removed = storedTasks().stream().filter(t -> t.getName().equals(REMOVED)).findFirst().orElseThrow();
        String nodeId = scheduler.service.store().task(REMOVED).orElseThrow().value().cockroachNodeId().orElseThrow();
        Set<String> removedIds = OrphanCollector.resourceIds(removed.getResourcesList());
        String host0 = NodeTaskInfos.hostname(storedTasks().stream()
                .filter(t -> t.getName().equals("cockroachdb-0-node-init")).findFirst().orElseThrow());
        scheduler.close();

        scheduler = startScheduler(3);
        await().atMost(WAIT).until(() -> plan(DecommissionPlan.NAME).status() == Status.COMPLETE
                && !plan(DecommissionPlan.NAME).phases().isEmpty());

        assertThat(plan(DecommissionPlan.NAME).steps()).extracting(s -> s.name()).containsExactly(
                "cockroachdb-3:[decommission]", "cockroachdb-3:[kill]", "cockroachdb-3:[unreserve]");
        assertThat(launchedJobs()).singleElement().satisfies(job -> {
            assertThat(job.getName()).isEqualTo("decommission-node-" + nodeId);
            assertThat(job.getAgentId()).isIn(storedTasks().stream().map(TaskInfo::getAgentId).toList()
                    .toArray()).isNotNull();
            assertThat(job.getResourcesList()).allSatisfy(r -> assertThat(r.getReservationsList()).isEmpty());
            JobSpec.CockroachCommand command = (JobSpec.CockroachCommand) JobSpec.fromJson(job.getData().toByteArray());
            assertThat(command.args()).containsExactly("node", "decommission", nodeId, "--insecure",
                    "--host=" + host0 + ":31257");
        });
        assertThat(scheduler.service.store().tasks()).extracting(TaskRecord::taskName)
                .containsExactlyInAnyOrder("cockroachdb-0-node-init", "cockroachdb-1-node-join", "cockroachdb-2-node-join");
        assertThat(emulator.state().tasks()).filteredOn(t -> t.taskId().equals(removed.getTaskId().getValue()))
                .allSatisfy(t -> assertThat(t.agentState()).isNotEqualTo("TASK_RUNNING"));
        await().atMost(WAIT).untilAsserted(() -> {
            EmulatorState state = emulator.state();
            assertThat(state.volumes()).extracting(EmulatorState.VolumeView::persistenceId).hasSize(3)
                    .doesNotContainAnyElementsOf(SchedulerDeployTest.persistenceIds(removed));
            assertThat(state.reservations()).hasSize(3 * 6);
        });
        assertThat(plan("deploy").status()).isEqualTo(Status.COMPLETE);
        assertThat(removedIds).isNotEmpty();
    }

    @Test
    void aLostKillOfTheDecommissionedNodeIsSentAgain() throws Exception {
        deploy(4);
        scheduler.close();
        emulator.faults().dropKills(1);

        scheduler = startScheduler(3);
        await().atMost(WAIT).until(() -> plan(DecommissionPlan.NAME).status() == Status.COMPLETE
                && !plan(DecommissionPlan.NAME).phases().isEmpty());
        assertThat(scheduler.service.store().task(REMOVED)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(emulator.state().volumes()).hasSize(3));
    }

    @Test
    void aFailingJobIsRetriedAndARestartedSchedulerFinishesTheDecommission() throws Exception {
        deploy(4);
        scheduler.close();
        Files.createFile(failJobs);

        scheduler = startScheduler(3);
        await().atMost(WAIT).until(() -> launchedJobs().size() >= 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(plan(DecommissionPlan.NAME).steps().get(0).message())
                .contains(LightweightExecutor.JOB_FAILURE));
        assertThat(scheduler.service.store().property(Decommissions.PROPERTY_PREFIX + REMOVED))
                .hasValueSatisfying(v -> assertThat(DecommissionRecord.decode(v).stage())
                        .isEqualTo(DecommissionRecord.Stage.DECOMMISSIONING));
        assertThat(scheduler.service.store().task(REMOVED)).as("never killed while its decommission fails")
                .isPresent();
        assertThat(emulator.state().tasks()).filteredOn(t -> t.taskId().equals(NodeTaskInfos.parse(
                scheduler.service.store().task(REMOVED).orElseThrow().value().taskInfo()).getTaskId().getValue()))
                .singleElement().satisfies(t -> assertThat(t.agentState()).isEqualTo("TASK_RUNNING"));
        scheduler.close();
        Files.delete(failJobs);

        scheduler = startScheduler(3);
        await().atMost(WAIT).until(() -> plan(DecommissionPlan.NAME).status() == Status.COMPLETE
                && !plan(DecommissionPlan.NAME).phases().isEmpty());
        assertThat(scheduler.service.store().task(REMOVED)).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(emulator.state().reservations()).hasSize(3 * 6));
        assertThat(emulator.state().volumes()).hasSize(3);
    }

    @Test
    void shrinkingBelowThreeNodesIsRefusedAndTouchesNothing() throws Exception {
        deploy(3);
        Set<String> ids = storedTasks().stream().map(t -> t.getTaskId().getValue()).collect(Collectors.toSet());
        scheduler.close();

        scheduler = startScheduler(2);
        await().atMost(WAIT).until(() -> !scheduler.service.view().initializing());

        HttpResponse<String> deploy = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + scheduler.service.apiPort() + "/v1/plans/deploy")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deploy.statusCode()).isEqualTo(417);
        assertThat(deploy.body()).contains("NODE_COUNT cannot change from 3 to 2");
        assertThat(plan(DecommissionPlan.NAME).phases()).isEmpty();
        assertThat(storedTasks()).extracting(t -> t.getTaskId().getValue()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(emulator.state().tasks()).filteredOn(t -> "TASK_RUNNING".equals(t.agentState())).hasSize(3);
        assertThat(launchedJobs()).isEmpty();
    }
}
