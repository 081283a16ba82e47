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

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.FinalizePlan;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.UpgradePhase;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COCKROACH_VERSION moved to the next major on the emulator, with executors that run no database but
 * run the upgrade's jobs: the downgrade option is set (and stored) before the first node is taken
 * down, the nodes roll onto the new release, and the upgrade waits for {@code plan start finalize}
 * (or finalizes itself with AUTO_FINALIZE_UPGRADE); a patch release rolls with no job at all; a
 * scheduler restarted while the option cannot be set takes no node down.
 */
class MajorUpgradeOnEmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;
    private TestingServer zk;
    private MesosEmulator emulator;
    private ScheduledService scheduler;
    private Path failJobs;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(3, work.resolve("cluster")).fast());
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

    private ScheduledService startScheduler(String version, Map<String, String> more) throws Exception {
        Map<String, String> extra = new HashMap<>(more);
        extra.put("HEALTH_GATE_SETTLE_SECONDS", "0");
        extra.put("COCKROACH_VERSION", version);
        extra.put("EXECUTOR_COMMAND", ScheduledService.executorCommand(Optional.of(failJobs)));
        return ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(), 3, extra);
    }

    private Plan plan(String name) {
        return scheduler.service.view().plan(name).orElseThrow();
    }

    private void deploy(String version) throws Exception {
        scheduler = startScheduler(version, Map.of());
        await().atMost(WAIT).until(() -> plan("deploy").status() == Status.COMPLETE);
        scheduler.close();
    }

    private List<String> nodeVersions() {
        return scheduler.service.store().tasks().stream().filter(r -> r.taskName().startsWith("cockroachdb-"))
                .map(r -> LaunchSpec.fromJson(NodeTaskInfos.parse(r.taskInfo()).getData().toByteArray())
                        .expectedVersion()).toList();
    }

    private List<TaskInfo> launchedJobs() {
        return scheduler.callsOf(Call.Type.ACCEPT).stream().flatMap(c -> c.getAccept().getOperationsList().stream())
                .filter(o -> o.getType() == Offer.Operation.Type.LAUNCH)
                .flatMap(o -> o.getLaunch().getTaskInfosList().stream())
                .filter(t -> JobSpec.describesJob(t.getData().toByteArray())).toList();
    }

    private static List<String> args(TaskInfo job) {
        return ((JobSpec.CockroachCommand) JobSpec.fromJson(job.getData().toByteArray())).args();
    }

    private Optional<UpgradeRecord> upgrade() {
        return scheduler.service.store().property(SchedulerLoop.UPGRADE_PROPERTY).map(UpgradeRecord::decode);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + scheduler.service.apiPort() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOptionIsSetBeforeAnyNodeRollsAndFinalizationWaitsForPlanStart() throws Exception {
        deploy("v22.2.15");
        scheduler = startScheduler("v23.1.11", Map.of());

        await().atMost(WAIT).until(() -> nodeVersions().stream().allMatch("v23.1.11"::equals)
                && plan("deploy").status() == Status.COMPLETE);

        assertThat(plan("deploy").phases().get(0).name()).isEqualTo(UpgradePhase.PHASE);
        assertThat(plan("deploy").steps().get(0).message())
                .contains("cluster.preserve_downgrade_option = '22.2'");
        TaskInfo preserve = launchedJobs().get(0);
        assertThat(preserve.getName()).isEqualTo("preserve-downgrade");
        assertThat(args(preserve)).containsSubsequence("sql", "--insecure").endsWith("-e",
                "SET CLUSTER SETTING cluster.preserve_downgrade_option = '22.2'");
        List<ScheduledService.SentCall> kills;
        synchronized (scheduler.calls) {
            kills = scheduler.calls.stream().filter(c -> c.call().getType() == Call.Type.KILL).toList();
        }
        assertThat(kills).hasSize(3).allSatisfy(kill -> assertThat(kill.upgrade().map(UpgradeRecord::decode)
                .map(UpgradeRecord::stage)).as("stored before the kill").contains(UpgradeRecord.Stage.ROLLING));

        Plan finalize = plan(FinalizePlan.NAME);
        assertThat(finalize.status()).isEqualTo(Status.WAITING);
        assertThat(finalize.steps().get(0).message()).contains("waiting for `plan start finalize`");
        assertThat(launchedJobs()).hasSize(1);

        HttpResponse<String> started = post("/v1/plans/finalize/start");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> plan(FinalizePlan.NAME).status() == Status.COMPLETE);

        assertThat(launchedJobs()).extracting(TaskInfo::getName)
                .containsExactly("preserve-downgrade", "finalize-upgrade", "verify-version");
        assertThat(args(launchedJobs().get(1))).endsWith("-e", "RESET CLUSTER SETTING cluster.preserve_downgrade_option");
        assertThat(args(launchedJobs().get(2))).endsWith("-e", "SHOW CLUSTER SETTING version");
        assertThat(upgrade()).hasValueSatisfying(u -> {
            assertThat(u.stage()).isEqualTo(UpgradeRecord.Stage.FINALIZED);
            assertThat(u.lastVersion()).contains("23.1");
        });
        assertThat(post("/v1/plans/finalize/start").statusCode()).isEqualTo(409);
        assertThat(scheduler.service.store().tasks()).extracting(TaskRecord::taskName)
                .allSatisfy(name -> assertThat(name).startsWith("cockroachdb-"));
    }

    @Test
    void withAutoFinalizeTheUpgradeFinalizesOnceEveryNodeRunsTheNewMajor() throws Exception {
        deploy("v22.2.15");
        scheduler = startScheduler("v23.1.11", Map.of("AUTO_FINALIZE_UPGRADE", "true"));

        await().atMost(WAIT).until(() -> upgrade().map(u -> u.stage() == UpgradeRecord.Stage.FINALIZED).orElse(false));

        assertThat(nodeVersions()).containsOnly("v23.1.11");
        assertThat(plan(FinalizePlan.NAME).status()).isEqualTo(Status.COMPLETE);
        assertThat(launchedJobs()).extracting(TaskInfo::getName)
                .containsExactly("preserve-downgrade", "finalize-upgrade", "verify-version");
    }

    @Test
    void aPatchReleaseRollsWithoutAnyJob() throws Exception {
        deploy("v23.1.11");
        scheduler = startScheduler("v23.1.12", Map.of());

        await().atMost(WAIT).until(() -> nodeVersions().stream().allMatch("v23.1.12"::equals)
                && plan("deploy").status() == Status.COMPLETE);

        assertThat(launchedJobs()).isEmpty();
        assertThat(upgrade()).isEmpty();
        assertThat(plan("deploy").phases()).extracting(p -> p.name()).doesNotContain(UpgradePhase.PHASE);
        assertThat(plan(FinalizePlan.NAME).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void whileTheOptionCannotBeSetNoNodeIsTakenDownAcrossARestartAndARollbackIsAllowed() throws Exception {
        deploy("v22.2.15");
        Files.createFile(failJobs);
        scheduler = startScheduler("v23.1.11", Map.of());
        await().atMost(WAIT).until(() -> launchedJobs().size() >= 2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(plan("deploy").steps().get(0).message())
                .contains(LightweightExecutor.JOB_FAILURE));
        scheduler.close();

        scheduler = startScheduler("v23.1.11", Map.of());
        await().atMost(WAIT).until(() -> !launchedJobs().isEmpty());
        assertThat(upgrade().map(UpgradeRecord::stage)).contains(UpgradeRecord.Stage.PRESERVING);
        assertThat(scheduler.callsOf(Call.Type.KILL)).isEmpty();
        assertThat(nodeVersions()).containsOnly("v22.2.15");
        scheduler.close();

        scheduler = startScheduler("v22.2.15", Map.of());
        await().atMost(WAIT).until(() -> upgrade().map(u -> u.stage() == UpgradeRecord.Stage.ROLLED_BACK)
                .orElse(false) && plan("deploy").status() == Status.COMPLETE);
        assertThat(nodeVersions()).containsOnly("v22.2.15");
        assertThat(plan(FinalizePlan.NAME).status()).isEqualTo(Status.COMPLETE);
        assertThat(plan(FinalizePlan.NAME).steps().get(0).message()).contains("rolled back");
    }
}
