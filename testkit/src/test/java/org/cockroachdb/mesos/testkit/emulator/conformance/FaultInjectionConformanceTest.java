package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.detect.ZooKeeperMasterDetector;
import org.cockroachdb.mesos.http.detect.ZooKeeperUrl;
import org.cockroachdb.mesos.testkit.emulator.EmulatorMain;
import org.junit.jupiter.api.Test;

/** Checklist 11: every fault-injection hook does what real failures do, seen from the scheduler. */
class FaultInjectionConformanceTest extends EmulatorFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    // ---------------------------------------------------------------- streams

    @Test
    void stoppedHeartbeatsLeaveTheStreamOpenButSilentUntilResumed() throws Exception {
        start(1); // heartbeats every second
        TestScheduler s = subscribe("half-open");
        s.offers(); // the only offer there is; nothing else is due on this stream
        emulator.faults().stopHeartbeats(s.frameworkId.getValue());

        await().atMost(Duration.ofSeconds(8))
                .until(() -> s.stream.sinceLastBytes().compareTo(Duration.ofMillis(3500)) > 0);
        assertThat(s.streamEnded()).isFalse();

        int before = s.received.size();
        emulator.faults().resumeHeartbeats(s.frameworkId.getValue());
        await().atMost(Duration.ofSeconds(3)).until(() -> s.received.subList(before, s.received.size()).stream()
                .anyMatch(e -> e.getType() == Event.Type.HEARTBEAT));
    }

    @Test
    void droppedStreamEndsAndTheFrameworksCallsThenGet403() throws Exception {
        start(1);
        TestScheduler s = subscribe("dropped");
        emulator.faults().dropStream(s.frameworkId.getValue());
        await().atMost(Duration.ofSeconds(5)).until(s::streamEnded);
        assertThat(s.simple(Call.Type.REVIVE).status()).isEqualTo(403);
        // the framework is only disconnected: it may come back
        s.resubscribe();
        assertThat(s.simple(Call.Type.REVIVE).status()).isEqualTo(202);
    }

    // ---------------------------------------------------------------- master failover

    @Test
    void masterFailoverBringsANewMasterIdAndTheFrameworkResubscribesWithItsId() throws Exception {
        start(1);
        TestScheduler s = subscribe("survivor");
        String oldMaster = emulator.masterId();
        String frameworkId = s.frameworkId.getValue();

        emulator.faults().failoverMaster();
        assertThat(emulator.masterId()).isNotEqualTo(oldMaster);
        await().atMost(Duration.ofSeconds(5)).until(s::streamEnded);

        s.resubscribe();
        assertThat(s.frameworkId.getValue()).isEqualTo(frameworkId);
        Event subscribed = s.receivedOfType(Event.Type.SUBSCRIBED).get(1);
        assertThat(subscribed.getSubscribed().getMasterInfo().getId()).isEqualTo(emulator.masterId());
    }

    @Test
    void aMasterThatLosesTheLeadDropsItsStreamsAndOffersAgainOnlyOnceItLeads() throws Exception {
        start(1);
        TestScheduler s = subscribe("deposed");
        s.offers();

        emulator.faults().notLeader("10.1.2.3:5050");

        await().atMost(Duration.ofSeconds(5)).until(s::streamEnded);
        assertThat(s.simple(Call.Type.REVIVE).status()).isEqualTo(307);
        emulator.faults().lead();
        s.resubscribe();
        assertThat(s.offers()).isNotEmpty();
    }

    @Test
    void afterMasterFailoverReconcileIsSilentUntilTheAgentReregisters() throws Exception {
        Duration reregisterDelay = Duration.ofSeconds(3);
        start(1, c -> c.withAgentReregisterDelay(reregisterDelay));
        TestScheduler s = subscribe("patient");
        TaskStatus running = Probes.running(s, "waiting", "exec-waiting", true);
        String agentId = running.getAgentId().getValue();

        emulator.faults().failoverMaster();
        long failedOver = System.nanoTime();
        s.resubscribe();
        int resubscribed = s.received.size();
        assertThat(s.reconcile("waiting", agentId).status()).isEqualTo(202);
        assertThat(s.maybeNext(e -> isUpdateOf(e, "waiting"), Duration.ofMillis(1500))).isEmpty();

        // as the reference's algorithm does: ask again until answered
        TaskStatus answer = await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    s.reconcile("waiting", agentId);
                    return s.maybeNext(e -> isUpdateOf(e, "waiting"), Duration.ofMillis(250));
                }, Optional::isPresent).orElseThrow().getUpdate().getStatus();
        assertThat(Duration.ofNanos(System.nanoTime() - failedOver)).isGreaterThan(reregisterDelay.minusMillis(100));
        assertThat(answer.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(answer.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(answer.hasUuid()).isFalse();
        // nothing but the real state was ever said about it: no GONE, UNKNOWN or LOST while the agent was away
        assertThat(s.received.subList(resubscribed, s.received.size()).stream().filter(e -> isUpdateOf(e, "waiting")))
                .allMatch(e -> e.getUpdate().getStatus().getState() == TaskState.TASK_RUNNING);
    }

    // ---------------------------------------------------------------- offers

    @Test
    void droppedAcceptIsAnswered202ButLaunchesNothingAndTheNextAcceptWorks() throws Exception {
        start(1);
        TestScheduler s = subscribe("dropped-accept");
        Offer offer = s.offers().get(0);
        emulator.faults().dropAccepts(1);

        assertThat(s.accept(offer, Ops.launch(sleeper("lost-launch", offer))).status()).isEqualTo(202);
        assertThat(s.maybeNext(e -> isUpdateOf(e, "lost-launch"), Duration.ofSeconds(2))).isEmpty();
        assertThat(emulator.state().tasks()).isEmpty();

        // the master never saw that ACCEPT, so the offer is still ours
        assertThat(s.accept(offer, Ops.launch(sleeper("second-try", offer))).status()).isEqualTo(202);
        assertThat(s.update("second-try").getState()).isIn(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
        assertThat(s.received.stream().filter(e -> isUpdateOf(e, "lost-launch")).toList()).isEmpty();
    }

    @Test
    void rescindedOfferIsAnnouncedAndAcceptingItDropsTheTask() throws Exception {
        start(1);
        TestScheduler s = subscribe("rescinded");
        Offer offer = s.offers().get(0);
        assertThat(emulator.faults().rescindOffer(offer.getId().getValue())).isEqualTo(1);
        Event rescind = s.next(Event.Type.RESCIND);
        assertThat(rescind.getRescind().getOfferId()).isEqualTo(offer.getId());

        assertThat(s.accept(offer, Ops.launch(sleeper("too-late", offer))).status()).isEqualTo(202);
        TaskStatus dropped = s.update("too-late");
        assertThat(dropped.getState()).isEqualTo(TaskState.TASK_DROPPED);
        assertThat(dropped.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
        assertThat(dropped.hasUuid()).isFalse();
    }

    // ---------------------------------------------------------------- status updates

    @Test
    void duplicatedStatusUpdatesArriveTwiceWithTheSameUuid() throws Exception {
        // the agent's retry is far off, so a second copy can only be the injected duplicate
        start(1, c -> c.withStatusUpdateRetryInterval(Duration.ofSeconds(60)));
        TestScheduler s = subscribe("twice");
        emulator.faults().duplicateStatusUpdates(true);
        Offer offer = s.offers().get(0);
        assertThat(s.accept(offer, Ops.launch(sleeper("twice", offer))).isSuccess()).isTrue();

        TaskStatus first = s.update("twice");
        TaskStatus second = s.update("twice");
        assertThat(first.hasUuid()).isTrue();
        assertThat(second.getUuid()).isEqualTo(first.getUuid());
        assertThat(second.getState()).isEqualTo(first.getState());
    }

    @Test
    void delayedStatusUpdatesArriveOnlyAfterTheDelay() throws Exception {
        start(1, c -> c.withStatusUpdateRetryInterval(Duration.ofSeconds(60)));
        TestScheduler s = subscribe("late");
        Duration delay = Duration.ofSeconds(2);
        emulator.faults().delayStatusUpdates(delay);
        Offer offer = s.offers().get(0);
        long accepted = System.nanoTime();
        assertThat(s.accept(offer, Ops.launch(sleeper("late", offer))).isSuccess()).isTrue();

        assertThat(s.maybeNext(e -> isUpdateOf(e, "late"), Duration.ofSeconds(1))).isEmpty();
        s.next(e -> isUpdateOf(e, "late"), Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - accepted)).isGreaterThanOrEqualTo(delay);
    }

    // ---------------------------------------------------------------- executors

    @Test
    void crashedExecutorFailsItsTaskWithAUuidAndSendsFailure() throws Exception {
        start(1);
        TestScheduler s = subscribe("crash");
        TaskStatus running = Probes.running(s, "crashy", "exec-crashy", true);
        assertThat(emulator.faults().crashExecutor(s.frameworkId.getValue(), "exec-crashy")).isTrue();

        // UPDATE and FAILURE are not ordered relative to each other
        await().atMost(Duration.ofSeconds(10)).until(() -> failed(s, "crashy").isPresent()
                && !s.receivedOfType(Event.Type.FAILURE).isEmpty());
        TaskStatus failed = failed(s, "crashy").orElseThrow();
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
        assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        assertThat(failed.getUuid().size()).isEqualTo(16);

        Event.Failure failure = s.receivedOfType(Event.Type.FAILURE).get(0).getFailure();
        assertThat(failure.getExecutorId().getValue()).isEqualTo("exec-crashy");
        assertThat(failure.getAgentId()).isEqualTo(running.getAgentId());
        assertThat(failure.getStatus() & 0x7f).as("WTERMSIG of the raw wait status").isEqualTo(9);
    }

    // ---------------------------------------------------------------- the admin endpoint

    @Test
    void adminEndpointPartitionsAnAgentAndReportsTheStateAsJson() throws Exception {
        start(2);
        HttpResponse<String> partition = post("/admin/agents/0/partition");
        assertThat(partition.statusCode()).isEqualTo(200);

        JsonNode state = adminState();
        assertThat(state.path("masterId").asText()).isEqualTo(emulator.masterId());
        assertThat(state.path("agents").get(0).path("cut").asBoolean()).isTrue();
        assertThat(state.path("agents").get(1).path("cut").asBoolean()).isFalse();
        // after the ping timeout the master gives up on it
        await().atMost(Duration.ofSeconds(8))
                .until(() -> adminState().path("agents").get(0).path("unreachable").asBoolean());
        assertThat(adminState().path("agents").get(1).path("unreachable").asBoolean()).isFalse();
    }

    @Test
    void adminEndpointAnswersABadRequestWith400AndAOneLineReason() throws Exception {
        start(1);
        for (String path : List.of("/admin/agents/x/partition", "/admin/agents/7/partition",
                "/admin/agents/0/explode", "/admin/updates/delay?ms=soon")) {
            HttpResponse<String> r = post(path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.body().strip()).as(path).isNotEmpty().doesNotContain("\n");
        }
        assertThat(post("/admin/agents/x/partition").body()).contains("'x'");
        assertThat(emulator.state().agent(0).cut()).isFalse();
    }

    // ---------------------------------------------------------------- ZooKeeper

    @Test
    void masterRegistersInZooKeeperAndAFailoverReplacesItsNode() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            String url = "zk://127.0.0.1:" + zk.getPort() + "/mesos";
            start(1, c -> c.withZk(url));
            try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                    .retryPolicy(new RetryOneTime(100)).zk34CompatibilityMode(true).build();
                 ZooKeeperMasterDetector detector = ZooKeeperMasterDetector.start(ZooKeeperUrl.parse(url))) {
                client.start();
                assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();

                String first = onlyContender(client);
                JsonNode info = JSON.readTree(client.getData().forPath("/mesos/" + first));
                assertThat(info.path("address").path("port").asInt()).isEqualTo(emulator.masterUri().getPort());
                assertThat(info.path("id").asText()).isEqualTo(emulator.masterId());
                await().atMost(Duration.ofSeconds(10)).until(() -> detector.leader().equals(Optional.of(emulator.masterUri())));

                emulator.faults().failoverMaster();
                String newId = emulator.masterId();
                // the old node goes, a new one comes: in between there may be none
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                    String now = onlyContender(client);
                    return sequence(now) > sequence(first)
                            && JSON.readTree(client.getData().forPath("/mesos/" + now)).path("id").asText().equals(newId);
                });
                assertThat(sequence(onlyContender(client))).isGreaterThan(sequence(first));
                assertThat(detector.leader()).hasValue(emulator.masterUri());
            } finally {
                emulator.close(); // before its ZooKeeper goes away
                emulator = null;
            }
        }
    }

    @Test
    void aFailoverWhileZooKeeperIsDownDoesNotStallTheMaster() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            start(1, c -> c.withZk("zk://127.0.0.1:" + zk.getPort() + "/mesos"));
            try {
                zk.stop();

                long before = System.nanoTime();
                emulator.faults().failoverMaster();
                emulator.state();
                assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(3));
            } finally {
                emulator.close(); // before its ZooKeeper goes away
                emulator = null;
            }
        }
    }

    @Test
    void theMastersZooKeeperNodeComesBackWhenItIsLost() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            start(1, c -> c.withZk("zk://127.0.0.1:" + zk.getPort() + "/mesos"));
            try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                    .retryPolicy(new RetryOneTime(100)).zk34CompatibilityMode(true).build()) {
                client.start();
                assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
                String first = onlyContender(client);

                client.delete().forPath("/mesos/" + first); // as when the master's session expires

                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                    String now = onlyContender(client);
                    return sequence(now) > sequence(first)
                            && JSON.readTree(client.getData().forPath("/mesos/" + now)).path("id").asText()
                            .equals(emulator.masterId());
                });
            } finally {
                emulator.close();
                emulator = null;
            }
        }
    }

    @Test
    void zooKeeperCredentialsInTheUrlAreUsedForAuthenticationNotAsAHost() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            start(1, c -> c.withZk("zk://emulator:secret@127.0.0.1:" + zk.getPort() + "/mesos"));
            try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                    .retryPolicy(new RetryOneTime(100)).zk34CompatibilityMode(true).build()) {
                client.start();
                assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();

                JsonNode info = JSON.readTree(client.getData().forPath("/mesos/" + onlyContender(client)));
                assertThat(info.path("id").asText()).isEqualTo(emulator.masterId());
            } finally {
                emulator.close();
                emulator = null;
            }
        }
    }

    // ---------------------------------------------------------------- the standalone emulator

    @Test
    void standaloneEmulatorPrintsItsUrlAndOffersFromThreeAgents() throws Exception {
        Process p = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName(),
                "--agents", "3", "--port", "0", "--work-dir", workDir.toString())
                .redirectError(workDir.resolve("emulator.stderr").toFile()).start();
        closeLater((AutoCloseable) () -> stop(p));
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).get(30, TimeUnit.SECONDS);
        assertThat(firstLine).as("first line of stdout").matches("http://127\\.0\\.0\\.1:\\d+");

        TestScheduler s = closeLater(TestScheduler.subscribe(URI.create(firstLine).resolve("/api/v1/scheduler"),
                Frameworks.modern("standalone")));
        Set<String> agents = new HashSet<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            s.offers().forEach(o -> agents.add(o.getAgentId().getValue()));
            return agents.size() == 3;
        });
    }

    @Test
    void standaloneEmulatorRefusesABadFlagWithExitCode2AndAOneLineError() throws Exception {
        Path stderr = workDir.resolve("bad.stderr");
        Process p = new ProcessBuilder(JAVA, "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName(),
                "--agents", "zero").redirectError(stderr.toFile()).start();
        closeLater((AutoCloseable) () -> stop(p));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(p.getInputStream().readAllBytes()).as("stdout").isEmpty();
        List<String> lines = Files.readAllLines(stderr);
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0)).startsWith("emulator: ").contains("--agents").contains("zero");
    }

    // ---------------------------------------------------------------- helpers

    /** A small command task that keeps running. */
    private static TaskInfo sleeper(String taskId, Offer offer) {
        return Ops.commandTask(taskId, offer, "sleep 30", Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32));
    }

    private static boolean isUpdateOf(Event e, String taskId) {
        return e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId);
    }

    private static Optional<TaskStatus> failed(TestScheduler s, String taskId) {
        return s.received.stream().filter(e -> isUpdateOf(e, taskId)).map(e -> e.getUpdate().getStatus())
                .filter(st -> st.getState() == TaskState.TASK_FAILED).findFirst();
    }

    private HttpResponse<String> post(String path) throws Exception {
        return raw.send(HttpRequest.newBuilder(emulator.masterUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode adminState() throws Exception {
        HttpResponse<String> r = raw.send(HttpRequest.newBuilder(emulator.masterUri().resolve("/admin/state")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static String onlyContender(CuratorFramework client) throws Exception {
        List<String> children = client.getChildren().forPath("/mesos");
        assertThat(children).hasSize(1);
        assertThat(children.get(0)).matches("json\\.info_\\d{10}");
        return children.get(0);
    }

    private static long sequence(String contender) {
        return Long.parseLong(contender.substring("json.info_".length()));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
