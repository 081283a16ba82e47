package org.cockroachdb.mesos.scheduler.uninstall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.scheduler.SchedulerService;
import org.cockroachdb.mesos.scheduler.loop.ScheduledService;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.Phase;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.EmulatorState;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uninstall end to end on the emulator (real HTTP, real ZooKeeper, real executor processes
 * that run no database): three nodes deployed, then the scheduler restarted with
 * {@code SDK_UNINSTALL=true}, as Cosmos does by updating the Marathon app.
 */
class UninstallOnEmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> UNINSTALL = Map.of("SDK_UNINSTALL", "true");
    private static final String ROOT = "/dcos-service-cockroachdb";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;
    private TestingServer zk;
    private CuratorFramework zkClient;
    private MesosEmulator emulator;
    private ScheduledService scheduler;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        zkClient = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
        zkClient.start();
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(3, work).fast());
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        emulator.close();
        zkClient.close();
        zk.close();
    }

    private ScheduledService startScheduler(Map<String, String> extra) throws Exception {
        return ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(), 3, extra);
    }

    /** Deploys three nodes and stops that scheduler (its tasks keep running). */
    private List<TaskInfo> deploy() throws Exception {
        scheduler = startScheduler(Map.of());
        await().atMost(WAIT).until(() -> plan().status() == Status.COMPLETE);
        List<TaskInfo> tasks = scheduler.service.store().tasks().stream().map(TaskRecord::taskInfo)
                .map(NodeTaskInfos::parse).toList();
        scheduler.close();
        scheduler = null;
        assertThat(emulator.state().reservations()).isNotEmpty();
        assertThat(emulator.state().volumes()).hasSize(3);
        return tasks;
    }

    private Plan plan() {
        return scheduler.service.view().plans().get(0);
    }

    private Phase phase(String name) {
        return plan().phases().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private boolean rootExists() throws Exception {
        return zkClient.checkExists().forPath(ROOT) != null;
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scheduler.service.apiPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void killsEveryTaskReleasesEveryReservationDeletesTheStateTearsTheFrameworkDownAndNeverRegistersAgain() throws Exception {
        List<TaskInfo> deployed = deploy();

        scheduler = startScheduler(UNINSTALL);
        assertThat(request("GET", "/v1/plans/deploy").statusCode()).isIn(200, 202);
        await().atMost(WAIT).until(() -> plan().status() == Status.COMPLETE);

        EmulatorState state = emulator.state();
        assertThat(state.frameworks()).as("frameworks").isEmpty();
        assertThat(state.tasks()).as("tasks").isEmpty();
        assertThat(state.reservations()).as("reservations").isEmpty();
        assertThat(state.volumes()).as("volumes").isEmpty();
        assertThat(rootExists()).as("ZooKeeper root " + ROOT).isFalse();

        // Each task was killed by us (not only by the teardown), and its step says how it ended.
        assertThat(scheduler.callsOf(Call.Type.KILL)).extracting(c -> c.getKill().getTaskId())
                .containsAll(deployed.stream().map(TaskInfo::getTaskId).toList());
        assertThat(phase(UninstallPlan.KILL_PHASE).steps()).extracting(Step::name).containsExactlyInAnyOrder(
                "cockroachdb-0-node-init", "cockroachdb-1-node-join", "cockroachdb-2-node-join");
        assertThat(phase(UninstallPlan.KILL_PHASE).steps()).extracting(Step::message).containsOnly("TASK_KILLED");
        assertThat(phase(UninstallPlan.UNRESERVE_PHASE).steps()).extracting(Step::name).containsExactlyInAnyOrderElementsOf(
                deployed.stream().map(t -> t.getAgentId().getValue()).toList());
        for (Call accept : scheduler.callsOf(Call.Type.ACCEPT)) {
            List<Offer.Operation.Type> types = accept.getAccept().getOperationsList().stream()
                    .map(Offer.Operation::getType).toList();
            assertThat(types).doesNotContain(Offer.Operation.Type.LAUNCH, Offer.Operation.Type.RESERVE);
            if (types.contains(Offer.Operation.Type.DESTROY)) {
                assertThat(types.indexOf(Offer.Operation.Type.DESTROY))
                        .isLessThan(types.indexOf(Offer.Operation.Type.UNRESERVE));
            }
        }
        List<Call> made = scheduler.calls.stream().map(ScheduledService.SentCall::call).toList();
        assertThat(made).filteredOn(c -> c.getType() == Call.Type.TEARDOWN).hasSize(1);
        // TEARDOWN goes out while the state is still stored: a crash after it finds the uninstall mark.
        assertThat(List.copyOf(scheduler.calls)).filteredOn(c -> c.call().getType() == Call.Type.TEARDOWN)
                .singleElement().satisfies(c -> assertThat(c.storedTaskIds()).as("tasks stored at TEARDOWN")
                        .hasSize(deployed.size()));
        assertThat(made.indexOf(scheduler.callsOf(Call.Type.TEARDOWN).get(0)))
                .isGreaterThan(made.indexOf(scheduler.callsOf(Call.Type.ACCEPT).get(0)));

        // The API keeps serving: the plan, health, and a refusal for pod commands.
        HttpResponse<String> deployPlan = request("GET", "/v1/plans/deploy");
        assertThat(deployPlan.statusCode()).isEqualTo(200);
        assertThat(deployPlan.body()).contains("kill-tasks", "unreserve-resources", "deregister-service");
        assertThat(request("GET", "/v1/health").statusCode()).isEqualTo(200);
        HttpResponse<String> restart = request("POST", "/v1/pod/cockroachdb-0/restart");
        assertThat(restart.statusCode()).isEqualTo(409);
        assertThat(restart.body()).contains("the service is being uninstalled");

        // Started again afterwards (before Cosmos removes the app): a complete plan, and no framework.
        scheduler.close();
        scheduler = startScheduler(UNINSTALL);
        assertThat(plan().status()).isEqualTo(Status.COMPLETE);
        assertThat(request("GET", "/v1/plans/deploy").statusCode()).isEqualTo(200);
        assertThat(request("POST", "/v1/pod/cockroachdb-0/replace").statusCode()).isEqualTo(409);
        assertThat(rootExists()).as("the root the lock recreated is deleted again").isFalse();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> emulator.state().frameworks().isEmpty());
        assertThat(scheduler.calls).as("calls to Mesos").isEmpty();
    }

    @Test
    void aVanishedAgentHoldsItsStepsUntilForceCompletedAndARestartCarriesOn() throws Exception {
        List<TaskInfo> deployed = deploy();
        String lostAgent = emulator.state().agent(2).id();
        TaskInfo lostTask = deployed.stream().filter(t -> t.getAgentId().getValue().equals(lostAgent)).findFirst()
                .orElseThrow();
        List<String> agents = deployed.stream().map(t -> t.getAgentId().getValue()).toList();
        emulator.faults().stopAgent(2);

        scheduler = startScheduler(UNINSTALL);
        await().atMost(WAIT).until(() -> incompleteSteps().equals(incomplete(List.of(lostTask.getName()), agents)));
        assertThat(request("GET", "/v1/plans/deploy").statusCode()).isEqualTo(202);

        // A restart without the flag carries on: the uninstall was recorded before anything was killed.
        scheduler.close();
        scheduler = startScheduler(Map.of());
        assertThat(incompleteSteps()).as("progress kept across the restart")
                .isEqualTo(incomplete(List.of(lostTask.getName()), agents));
        await().atMost(WAIT).until(() -> phase(UninstallPlan.KILL_PHASE).steps().stream()
                .anyMatch(s -> s.message().startsWith("TASK_UNREACHABLE")));
        assertThat(emulator.state().frameworks()).hasSize(1);
        assertThat(rootExists()).isTrue();

        HttpResponse<String> kill = request("POST", "/v1/plans/deploy/forceComplete?phase=kill-tasks&step="
                + URLEncoder.encode(lostTask.getName(), StandardCharsets.UTF_8));
        assertThat(kill.statusCode()).as(kill.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> incompleteSteps().equals(incomplete(List.of(), List.of(lostAgent))));
        assertThat(emulator.state().agent(0).reservations()).isEmpty();
        assertThat(emulator.state().agent(1).reservations()).isEmpty();
        assertThat(plan().status()).isEqualTo(Status.IN_PROGRESS);

        HttpResponse<String> unreserve = request("POST", "/v1/plans/deploy/forceComplete?phase=unreserve-resources");
        assertThat(unreserve.statusCode()).as(unreserve.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> plan().status() == Status.COMPLETE);

        EmulatorState state = emulator.state();
        assertThat(state.frameworks()).isEmpty();
        assertThat(rootExists()).isFalse();
        assertThat(state.agent(2).reservations()).as("left on the vanished agent").isNotEmpty();
        assertThat(state.volumes()).hasSize(1);
    }

    private List<String> incompleteSteps() {
        return plan().steps().stream().filter(s -> s.status() != Status.COMPLETE).map(Step::name).sorted().toList();
    }

    private static List<String> incomplete(List<String> tasks, List<String> agents) {
        List<String> all = new java.util.ArrayList<>(tasks);
        all.addAll(agents);
        all.add(UninstallPlan.DEREGISTER_STEP);
        return all.stream().sorted().toList();
    }

    @Test
    void aValueOtherThanTrueOrFalseIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> startScheduler(Map.of("SDK_UNINSTALL", "yes")))
                .isInstanceOf(SchedulerService.CannotStart.class)
                .hasMessageContaining("SDK_UNINSTALL='yes' is invalid: expected true or false");
        assertThat(emulator.state().frameworks()).isEmpty();
    }
}
