package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup and restore plans on the emulator, with executors that run no database but answer
 * backup and restore jobs (progress, then finished or failed as the test says): parameters are
 * checked before anything changes; one job is launched with the spec and its credentials in its
 * environment, which then appear nowhere in ZooKeeper or the API; a second job is refused while
 * one runs; a scheduler restart in the middle kills the job and ends the plan in ERROR.
 */
class BackupPlansTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;
    private TestingServer zk;
    private MesosEmulator emulator;
    private ScheduledService scheduler;
    private Path failJobs;
    private Path holdJobs;
    private final String secret = "s3cr3t+/=" + UUID.randomUUID();
    private final String token = "t0ken" + UUID.randomUUID();

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(3, work.resolve("cluster")).fast());
        Files.createDirectories(work.resolve("markers"));
        failJobs = work.resolve("markers").resolve("fail");
        holdJobs = work.resolve("markers").resolve("hold");
        scheduler = startScheduler();
        await().atMost(WAIT).until(() -> plan("deploy").status() == Status.COMPLETE);
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
        Map<String, String> extra = new HashMap<>();
        extra.put("EXECUTOR_COMMAND", ScheduledService.executorCommand(Optional.of(failJobs), Optional.of(holdJobs)));
        return ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(), 3, extra);
    }

    private Plan plan(String name) {
        return scheduler.service.view().plan(name).orElseThrow();
    }

    private Step step(String name) {
        return plan(name).steps().get(0);
    }

    private Map<String, String> parameters(String database) {
        Map<String, String> p = new HashMap<>();
        p.put("DATABASE_NAME", database);
        p.put("S3_BUCKET_NAME", "backups");
        p.put("S3_DIR_PATH", "cockroach-backups");
        p.put("BACKUP_DIR", "2024-05-01_12:00:00");
        p.put("AWS_DEFAULT_REGION", "us-west-1");
        p.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        p.put("AWS_SECRET_ACCESS_KEY", secret);
        p.put("AWS_SESSION_TOKEN", token);
        p.put("S3_ENDPOINT", "http://127.0.0.1:9000");
        p.put("BACKUP_MODE", "auto");
        return p;
    }

    private HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + scheduler.service.apiPort() + path);
    }

    private List<TaskInfo> launched(String name) {
        return scheduler.callsOf(Call.Type.ACCEPT).stream().flatMap(c -> c.getAccept().getOperationsList().stream())
                .filter(o -> o.getType() == Offer.Operation.Type.LAUNCH)
                .flatMap(o -> o.getLaunch().getTaskInfosList().stream())
                .filter(t -> t.getName().equals(name)).toList();
    }

    private static Map<String, String> environment(TaskInfo task) {
        Map<String, String> env = new HashMap<>();
        for (Environment.Variable v : task.getExecutor().getCommand().getEnvironment().getVariablesList()) {
            env.put(v.getName(), v.getValue());
        }
        return env;
    }

    /** Every znode's data under the root, and every name, as one list of byte arrays. */
    private List<byte[]> everyZnode() throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100))) {
            client.start();
            walk(client, "/", out);
        }
        return out;
    }

    private static void walk(CuratorFramework client, String path, List<byte[]> out) throws Exception {
        byte[] data = client.getData().forPath(path);
        out.add(path.getBytes(StandardCharsets.UTF_8));
        if (data != null) {
            out.add(data);
        }
        for (String child : client.getChildren().forPath(path)) {
            walk(client, path.equals("/") ? "/" + child : path + "/" + child, out);
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The secret and the token: in no znode, plan, pod info or state the API serves. */
    private void assertCredentialsNowhere() throws Exception {
        assertThat(everyZnode()).as("znodes").isNotEmpty()
                .noneMatch(bytes -> contains(bytes, secret) || contains(bytes, token));
        List<String> served = new ArrayList<>();
        for (String path : List.of("/v1/plans", "/v1/plans/backup", "/v1/plans/restore", "/v1/pod/status",
                "/v1/configurations/target")) {
            served.add(get(path).body());
        }
        for (String pod : List.of("cockroachdb-0", "cockroachdb-1", "cockroachdb-2")) {
            served.add(get("/v1/pod/" + pod + "/info").body());
        }
        assertThat(served).noneMatch(s -> s.contains(secret) || s.contains(token));
    }

    @Test
    void bothPlansAreListedAndWaitForAStartAndTheServiceIsHealthy() throws Exception {
        assertThat(JSON.readTree(get("/v1/plans").body()).toString()).contains("\"backup\"", "\"restore\"");
        for (String name : List.of("backup", "restore")) {
            assertThat(plan(name).status()).isEqualTo(Status.WAITING);
            assertThat(plan(name).phases()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo(name));
            assertThat(step(name).name()).isEqualTo(name + "-0:[" + name + "]");
            assertThat(step(name).status()).isEqualTo(Status.PENDING);
        }
        assertThat(get("/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    void startRefusesBadParametersAndChangesNothing() throws Exception {
        Map<String, Map<String, String>> bad = new HashMap<>();
        Map<String, String> noDatabase = parameters("bank");
        noDatabase.remove("DATABASE_NAME");
        bad.put("DATABASE_NAME", noDatabase);
        Map<String, String> noBucket = parameters("bank");
        noBucket.remove("S3_BUCKET_NAME");
        bad.put("S3_BUCKET_NAME", noBucket);
        Map<String, String> noSecret = parameters("bank");
        noSecret.remove("AWS_SECRET_ACCESS_KEY");
        bad.put("AWS_SECRET_ACCESS_KEY", noSecret);
        Map<String, String> noKey = parameters("bank");
        noKey.remove("AWS_ACCESS_KEY_ID");
        bad.put("AWS_ACCESS_KEY_ID", noKey);
        Map<String, String> badMode = parameters("bank");
        badMode.put("BACKUP_MODE", "fast");
        bad.put("BACKUP_MODE", badMode);
        bad.put("DATABASE_NAME must", parameters("Bank-1"));
        for (var entry : bad.entrySet()) {
            HttpResponse<String> reply = post("/v1/plans/backup/start", entry.getValue());
            assertThat(reply.statusCode()).as(entry.getKey()).isEqualTo(400);
            String message = JSON.readTree(reply.body()).path("message").asText();
            assertThat(message).as(entry.getKey()).startsWith(entry.getKey()).doesNotContain("\n")
                    .doesNotContain(secret);
        }
        Map<String, String> badForce = parameters("bank");
        badForce.put("RESTORE_FORCE", "yes");
        HttpResponse<String> reply = post("/v1/plans/restore/start", badForce);
        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).path("message").asText())
                .isEqualTo("RESTORE_FORCE must be true or false, got 'yes'");

        assertThat(plan("backup").status()).isEqualTo(Status.WAITING);
        assertThat(plan("restore").status()).isEqualTo(Status.WAITING);
        assertThat(scheduler.service.store().properties()).doesNotContainKeys("job-outcome:backup",
                "plan-control:backup", "job-outcome:restore", "plan-control:restore");
        assertThat(launched("backup-job")).isEmpty();
        assertThat(launched("restore-job")).isEmpty();
    }

    @Test
    void aBackupRunsOneJobWithItsSpecAndCredentialsWhichAreStoredAndShownNowhere() throws Exception {
        Files.writeString(holdJobs, "hold");
        HttpResponse<String> started = post("/v1/plans/backup/start", parameters("bank"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(started.body()).contains("Received cmd: start backup with parameters:", "DATABASE_NAME=bank")
                .doesNotContain(secret).doesNotContain(token);

        await().atMost(WAIT).until(() -> step("backup").status() == Status.STARTED);
        assertThat(step("backup").message()).isEqualTo(LightweightExecutor.PROGRESS);
        assertThat(plan("backup").status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(get("/v1/health").statusCode()).isEqualTo(320);

        TaskInfo job = launched("backup-job").get(0);
        assertThat(launched("backup-job")).hasSize(1);
        assertThat(job.getResourcesList()).allSatisfy(r -> assertThat(r.getReservationsList()).isEmpty());
        assertThat(environment(job)).containsEntry("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                .containsEntry("AWS_SECRET_ACCESS_KEY", secret).containsEntry("AWS_SESSION_TOKEN", token);
        JobSpec.Backup spec = (JobSpec.Backup) JobSpec.fromJson(job.getData().toByteArray());
        TaskInfo hostNode = scheduler.service.store().tasks().stream().map(TaskRecord::taskInfo)
                .map(NodeTaskInfos::parse).filter(t -> t.getAgentId().equals(job.getAgentId())).findFirst()
                .orElseThrow(() -> new AssertionError("no node runs on the job's agent"));
        assertThat(spec).isEqualTo(new JobSpec.Backup(spec.cockroachBinary(), NodeTaskInfos.hostname(hostNode)
                + ":31257", "bank", "backups", "cockroach-backups", "2024-05-01_12:00:00", "us-west-1",
                Optional.of("http://127.0.0.1:9000"), JobSpec.BackupMode.NATIVE, VersionFamily.V23_1,
                spec.security()));
        assertThat(new String(job.getData().toByteArray(), StandardCharsets.UTF_8)).doesNotContain(secret);

        // The stored TaskInfo keeps the names with the values redacted; the stored parameters keep the rest.
        TaskInfo stored = NodeTaskInfos.parse(scheduler.service.store().task("backup-job").orElseThrow().value()
                .taskInfo());
        assertThat(environment(stored)).containsKeys("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "[redacted]");
        assertThat(scheduler.service.store().properties().get("plan-control:backup"))
                .contains("\"DATABASE_NAME\":\"bank\"", "\"S3_BUCKET_NAME\":\"backups\"")
                .doesNotContain("AWS_SECRET_ACCESS_KEY").doesNotContain("AWS_SESSION_TOKEN");
        assertCredentialsNowhere();

        for (String plan : List.of("backup", "restore")) {
            HttpResponse<String> second = post("/v1/plans/" + plan + "/start", parameters("other"));
            assertThat(second.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(second.body()).path("message").asText())
                    .startsWith("a backup job runs (backup of database bank to"
                            + " s3://backups/cockroach-backups/2024-05-01_12:00:00 (native mode))");
        }

        Files.delete(holdJobs);
        await().atMost(WAIT).until(() -> plan("backup").status() == Status.COMPLETE);
        assertThat(step("backup").message()).isEqualTo(LightweightExecutor.BACKUP_SUMMARY);
        assertThat(get("/v1/plans/backup").statusCode()).isEqualTo(200);
        assertThat(get("/v1/health").statusCode()).isEqualTo(200);
        assertThat(scheduler.service.store().task("backup-job")).isEmpty();
        assertCredentialsNowhere();

        // A complete backup is run again by the next start, with a job of its own.
        assertThat(post("/v1/plans/backup/start", parameters("bank")).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> launched("backup-job").size() == 2
                && plan("backup").status() == Status.COMPLETE);
    }

    @Test
    void aFailedRestoreShowsItsReasonUntilTheNextStart() throws Exception {
        Files.writeString(failJobs, "fail");
        Map<String, String> forced = parameters("bank");
        forced.put("RESTORE_FORCE", "true");
        forced.put("BACKUP_MODE", "dump");
        assertThat(post("/v1/plans/restore/start", forced).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> plan("restore").status() == Status.ERROR);
        assertThat(step("restore").message()).isEqualTo(LightweightExecutor.BACKUP_FAILURE);
        assertThat(get("/v1/plans/restore").statusCode()).isEqualTo(417);
        assertThat(get("/v1/health").statusCode()).isEqualTo(200);
        JobSpec.Restore spec = (JobSpec.Restore) JobSpec.fromJson(launched("restore-job").get(0).getData().toByteArray());
        assertThat(spec.force()).isTrue();
        assertThat(spec.mode()).isEqualTo(JobSpec.BackupMode.DUMP);
        assertThat(launched("restore-job")).hasSize(1); // never relaunched: its credentials are gone

        Files.delete(failJobs);
        assertThat(post("/v1/plans/restore/start", forced).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> plan("restore").status() == Status.COMPLETE);
        assertCredentialsNowhere();
    }

    @Test
    void aSchedulerRestartDuringARestoreKillsTheJobAndEndsThePlanInError() throws Exception {
        Files.writeString(holdJobs, "hold");
        assertThat(post("/v1/plans/restore/start", parameters("bank")).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> step("restore").status() == Status.STARTED);
        assertThat(get("/v1/health").statusCode()).isEqualTo(321);
        String taskId = launched("restore-job").get(0).getTaskId().getValue();
        scheduler.close();

        scheduler = startScheduler();
        await().atMost(WAIT).until(() -> plan("restore").status() == Status.ERROR);
        assertThat(step("restore").message()).isEqualTo("the scheduler restarted during the restore; credentials"
                + " are never stored, so run it again");
        await().atMost(WAIT).until(() -> emulator.state().tasks().stream()
                .filter(t -> t.taskId().equals(taskId)).noneMatch(t -> "TASK_RUNNING".equals(t.agentState())));
        await().atMost(WAIT).until(() -> scheduler.service.store().task("restore-job").isEmpty());
        assertThat(plan("restore").status()).isEqualTo(Status.ERROR);
        assertThat(launched("restore-job")).isEmpty();
        assertCredentialsNowhere();

        Files.delete(holdJobs);
        assertThat(post("/v1/plans/restore/start", parameters("bank")).statusCode()).isEqualTo(200);
        await().atMost(WAIT).until(() -> plan("restore").status() == Status.COMPLETE);
    }
}
