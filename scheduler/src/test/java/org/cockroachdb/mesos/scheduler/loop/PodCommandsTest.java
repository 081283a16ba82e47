package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.offer.OrphanCollector;
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
 * {@code POST /v1/pod/{pod}/restart|replace} and plan pause/resume through the real API, on the
 * emulator with executors that run no database: restart keeps agent, reservations and volume;
 * replace moves to another agent with new ones and the old ones are collected; no second node is
 * taken down while one is.
 */
class PodCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;
    private TestingServer zk;
    private MesosEmulator emulator;
    private ScheduledService scheduler;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(4, work).fast());
        scheduler = ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(), 3, Map.of());
        await().atMost(WAIT).until(() -> scheduler.service.view().plans().get(0).status() == Status.COMPLETE);
    }

    @AfterEach
    void stop() throws Exception {
        scheduler.close();
        emulator.close();
        zk.close();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scheduler.service.apiPort() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private TaskInfo task(String name) {
        return scheduler.service.store().tasks().stream().filter(r -> r.taskName().equals(name))
                .map(TaskRecord::taskInfo).map(NodeTaskInfos::parse).findFirst().orElseThrow();
    }

    private boolean relaunchedAndReady(String name, TaskInfo before) {
        return scheduler.service.store().tasks().stream().filter(r -> r.taskName().equals(name))
                .anyMatch(r -> r.ready() && !NodeTaskInfos.parse(r.taskInfo()).getTaskId().equals(before.getTaskId()));
    }

    @Test
    void restartRelaunchesThePodInPlace() throws Exception {
        TaskInfo before = task("cockroachdb-1-node-join");

        HttpResponse<String> answer = post("/v1/pod/cockroachdb-1/restart");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"pod\"").contains("cockroachdb-1").contains("cockroachdb-1-node-join");
        await().atMost(WAIT).until(() -> relaunchedAndReady("cockroachdb-1-node-join", before));
        TaskInfo after = task("cockroachdb-1-node-join");
        assertThat(after.getAgentId()).isEqualTo(before.getAgentId());
        assertThat(OrphanCollector.resourceIds(after.getResourcesList()))
                .isEqualTo(OrphanCollector.resourceIds(before.getResourcesList()));
        assertThat(SchedulerDeployTest.persistenceIds(after)).isEqualTo(SchedulerDeployTest.persistenceIds(before));
        assertThat(post("/v1/pod/cockroachdb-7/restart").statusCode()).isEqualTo(404);
    }

    @Test
    void replaceMovesThePodToAnotherAgentAndItsOldReservationsAreCollected() throws Exception {
        TaskInfo before = task("cockroachdb-0-node-init");

        assertThat(post("/v1/pod/cockroachdb-0/replace").statusCode()).isEqualTo(200);

        await().atMost(WAIT).until(() -> relaunchedAndReady("cockroachdb-0-node-init", before));
        TaskInfo after = task("cockroachdb-0-node-init");
        assertThat(after.getAgentId()).isNotEqualTo(before.getAgentId());
        assertThat(OrphanCollector.resourceIds(after.getResourcesList()))
                .doesNotContainAnyElementsOf(OrphanCollector.resourceIds(before.getResourcesList()));
        assertThat(LaunchSpecs.of(after).initCluster()).as("a replaced node 0 never bootstraps").isFalse();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(emulator.state().volumes()).extracting(EmulatorState.VolumeView::persistenceId)
                    .hasSize(3).doesNotContainAnyElementsOf(SchedulerDeployTest.persistenceIds(before));
            assertThat(emulator.state().reservations()).hasSize(3 * 6);
        });
        // Its old node id (1: the first node) is decommissioned by a job, from a node that runs.
        await().atMost(WAIT).untilAsserted(() -> assertThat(scheduler.service.view().plan("replace").orElseThrow()
                .steps()).singleElement().satisfies(s -> {
                    assertThat(s.name()).isEqualTo("cockroachdb-0:[decommission-node-1]");
                    assertThat(s.status()).isEqualTo(Status.COMPLETE);
                }));
        assertThat(scheduler.callsOf(org.apache.mesos.v1.scheduler.Protos.Call.Type.ACCEPT).stream()
                .flatMap(c -> c.getAccept().getOperationsList().stream())
                .flatMap(o -> o.getLaunch().getTaskInfosList().stream())
                .filter(t -> t.getName().startsWith("decommission-node-")))
                .singleElement().satisfies(job -> assertThat(((org.cockroachdb.mesos.executor.spec.JobSpec.CockroachCommand)
                        org.cockroachdb.mesos.executor.spec.JobSpec.fromJson(job.getData().toByteArray())).args())
                        .startsWith("node", "decommission", "1", "--insecure"));
    }

    @Test
    void noSecondNodeIsTakenDownWhileAnotherIsUnreachable() throws Exception {
        TaskInfo cut = task("cockroachdb-2-node-join");
        int agent = emulator.state().agents().stream().filter(a -> a.id().equals(cut.getAgentId().getValue()))
                .findFirst().orElseThrow().index();
        emulator.faults().partitionAgent(agent);
        await().atMost(WAIT).until(() -> scheduler.service.view().pods().get(2).tasks().get(0).state()
                .equals(java.util.Optional.of("TASK_UNREACHABLE")));

        HttpResponse<String> refused = post("/v1/pod/cockroachdb-1/restart");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("cockroachdb-2").contains("second node");
        emulator.faults().healAgent(agent);
        await().atMost(WAIT).until(() -> scheduler.service.view().plans().get(0).status() == Status.COMPLETE);
        assertThat(task(cut.getName()).getTaskId()).as("the cut node came back as it was").isEqualTo(cut.getTaskId());
        assertThat(post("/v1/pod/cockroachdb-1/restart").statusCode()).isEqualTo(200);
    }

    @Test
    void aCompletePlanCannotBePausedAndRestartingOneStepRelaunchesItsNodeInPlace() throws Exception {
        assertThat(post("/v1/plans/deploy/interrupt").statusCode()).isEqualTo(208);
        TaskInfo before = task("cockroachdb-1-node-join");

        HttpResponse<String> restarted = post("/v1/plans/deploy/restart?phase=node-deploy&step="
                + java.net.URLEncoder.encode("cockroachdb-1:[node-join]", java.nio.charset.StandardCharsets.UTF_8));

        assertThat(restarted.statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> relaunchedAndReady("cockroachdb-1-node-join", before));
        assertThat(task("cockroachdb-1-node-join").getAgentId()).isEqualTo(before.getAgentId());
        assertThat(post("/v1/plans/nonexistent/interrupt").statusCode()).isEqualTo(404);
    }

    /** The launch spec a TaskInfo carries. */
    private static final class LaunchSpecs {
        static org.cockroachdb.mesos.executor.spec.LaunchSpec of(TaskInfo task) {
            return org.cockroachdb.mesos.executor.spec.LaunchSpec.fromJson(task.getData().toByteArray());
        }
    }
}
