package org.cockroachdb.mesos.executor.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cockroachdb.mesos.executor.supervise.RecordingSink.label;
import static org.cockroachdb.mesos.executor.supervise.RecordingSink.state;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CheckInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.executor.standin.StandinBinary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The supervisor running real stand-in cockroach processes, with no Mesos in between. */
class NodeSupervisorTest {
    static final Duration WAIT = Duration.ofSeconds(40);
    static final Duration LONG_GRACE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<NodeSupervisor> started = new ArrayList<>();
    private final List<Long> stopped = new ArrayList<>();

    @AfterEach
    void noCockroachLeftBehind() throws Exception {
        for (long pid : stopped) {
            new ProcessBuilder("kill", "-CONT", String.valueOf(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        }
        for (NodeSupervisor s : started) {
            s.stopNow(Duration.ofSeconds(5));
        }
        await().atMost(WAIT).until(() -> StandinBinary.nodesUnder(dir).isEmpty());
    }

    @Test
    void startsInitializesBecomesReadyAndDrainsOnKill() throws Exception {
        Path binary = StandinBinary.write(dir.resolve("bin"), "v23.1.11", dir.resolve("home"));
        LaunchSpec spec = StandinBinary.spec(binary, "v23.1.11", true, LONG_GRACE);
        RecordingSink sink = new RecordingSink();
        NodeSupervisor first = start(task("node-0", spec.toJson(), Duration.ofSeconds(20)), sink);

        TaskStatus passed = awaitUpdate(sink, label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED));
        assertThat(sink.states().get(0)).isEqualTo(TaskState.TASK_STARTING);
        TaskStatus firstRunning = sink.first(state(TaskState.TASK_RUNNING)).orElseThrow();
        assertThat(RecordingSink.labelOf(firstRunning, StatusLabels.READINESS)).contains(StatusLabels.READINESS_PENDING);
        int initDone = sink.indexOf(label(StatusLabels.CLUSTER_INIT, StatusLabels.CLUSTER_INIT_DONE));
        assertThat(initDone).isGreaterThan(sink.sent.indexOf(firstRunning))
                .isLessThan(sink.indexOf(label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED)));
        assertThat(passed.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(RecordingSink.labelOf(passed, StatusLabels.NODE_ID)).contains("1");
        assertThat(RecordingSink.labelOf(passed, StatusLabels.CLUSTER_INIT)).contains(StatusLabels.CLUSTER_INIT_DONE);
        assertThat(passed.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED);
        assertThat(passed.getCheckStatus().getType()).isEqualTo(CheckInfo.Type.HTTP);
        assertThat(passed.getCheckStatus().getHttp().getStatusCode()).isEqualTo(200);

        long pid = first.pid().orElseThrow();
        assertThat(StandinBinary.nodesUnder(dir)).extracting(ProcessHandle::pid).containsExactly(pid);
        first.kill(Duration.ofSeconds(20));
        assertThat(first.terminated().get(15, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_KILLED);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        TaskStatus killed = sink.sent.get(sink.sent.size() - 1);
        assertThat(killed.getState()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(killed.getMessage()).contains("exited with code 0");
        // SIGTERM, not SIGKILL: cockroach drained, well within the grace period
        assertThat(Files.readString(dir.resolve("sandbox").resolve(NodeSupervisor.STDOUT_FILE)))
                .contains("server drained and shutdown completed");
        assertThat(sink.states()).doesNotContain(TaskState.TASK_KILLING); // the framework lacks the capability

        // The same store again, init asked again: the cluster exists, the node keeps its id.
        RecordingSink again = new RecordingSink();
        NodeSupervisor second = start(task("node-0-again", spec.toJson(), Duration.ofSeconds(20)), again);
        TaskStatus passedAgain = awaitUpdate(again, label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED)
                .and(label(StatusLabels.CLUSTER_INIT, StatusLabels.CLUSTER_INIT_DONE)));
        assertThat(RecordingSink.labelOf(passedAgain, StatusLabels.NODE_ID)).contains("1");
        assertThat(again.states()).doesNotContain(TaskState.TASK_FAILED);
        second.kill(Duration.ofSeconds(20));
        assertThat(second.terminated().get(15, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_KILLED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v2.1.4", "v20.2.4"})
    void olderFamiliesAcceptTheirCommandLineAndReadinessCheck(String release) throws Exception {
        Path binary = StandinBinary.write(dir.resolve("bin"), release, dir.resolve("home"));
        LaunchSpec spec = StandinBinary.spec(binary, release, true, LONG_GRACE);
        RecordingSink sink = new RecordingSink();
        NodeSupervisor node = start(task("node-0", spec.toJson(), Duration.ofSeconds(20)), sink);
        TaskStatus passed = awaitUpdate(sink, label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED));
        assertThat(RecordingSink.labelOf(passed, StatusLabels.NODE_ID)).contains("1");
        node.kill(Duration.ofSeconds(20));
        assertThat(node.terminated().get(15, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_KILLED);
    }

    @Test
    void cockroachDyingFailsTheTaskWithItsExitCodeAndLastWords() throws Exception {
        Path binary = StandinBinary.write(dir.resolve("bin"), "v23.1.11", dir.resolve("home"));
        LaunchSpec spec = StandinBinary.spec(binary, "v23.1.11", true, LONG_GRACE);
        RecordingSink sink = new RecordingSink();
        NodeSupervisor node = start(task("node-0", spec.toJson(), Duration.ofSeconds(20)), sink);
        awaitUpdate(sink, label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED));

        ProcessHandle.of(node.pid().orElseThrow()).orElseThrow().destroyForcibly();

        assertThat(node.terminated().get(15, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        TaskStatus failed = sink.sent.get(sink.sent.size() - 1);
        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getMessage()).startsWith("cockroach exited with code 137: ")
                .contains(StandinBinary.STDERR_MARK + " start");
    }

    @Test
    void anInvalidSpecFailsTheTaskNamingTheField() throws Exception {
        RecordingSink sink = new RecordingSink();
        String json = "{\"cockroachBinary\":\"cockroach\",\"rpcPort\":\"x\"}";
        NodeSupervisor node = start(task("node-0", json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Duration.ofSeconds(20)), sink);
        assertThat(node.terminated().get(15, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        assertThat(sink.sent).singleElement().satisfies(s -> {
            assertThat(s.getState()).isEqualTo(TaskState.TASK_FAILED);
            assertThat(s.getMessage()).startsWith("invalid launch spec: ").doesNotContain("\n");
        });
    }

    @Test
    void aBinaryOfAnotherReleaseIsRefusedNamingBoth() throws Exception {
        Path binary = StandinBinary.write(dir.resolve("bin"), "v23.1.11", dir.resolve("home"));
        LaunchSpec spec = StandinBinary.spec(binary, "v22.2.9", false, LONG_GRACE);
        RecordingSink sink = new RecordingSink();
        NodeSupervisor node = start(task("node-0", spec.toJson(), Duration.ofSeconds(20)), sink);
        assertThat(node.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        assertThat(sink.sent).singleElement().satisfies(s ->
                assertThat(s.getMessage()).contains("v23.1.11").contains("v22.2.9"));
    }

    @Test
    void aNodeThatStopsAnsweringIsKilledAfterTheAllowedFailures() throws Exception {
        Path binary = StandinBinary.write(dir.resolve("bin"), "v23.1.11", dir.resolve("home"));
        // failures while the JVM starts must not count: a grace period longer than the start
        LaunchSpec spec = StandinBinary.spec(binary, "v23.1.11", true, Duration.ofSeconds(5));
        RecordingSink sink = new RecordingSink();
        NodeSupervisor node = start(task("node-0", spec.toJson(), Duration.ofSeconds(1)), sink);
        awaitUpdate(sink, label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED));
        await().atMost(WAIT).until(() -> sink.first(s -> s.hasHealthy() && s.getHealthy()).isPresent());

        long pid = node.pid().orElseThrow();
        stopped.add(pid);
        signal("STOP", pid); // alive but silent: /health times out

        assertThat(node.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        TaskStatus unhealthy = sink.first(s -> s.getReason() == TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED
                && s.getState() == TaskState.TASK_RUNNING && s.hasHealthy() && !s.getHealthy()).orElseThrow();
        assertThat(unhealthy.getMessage()).startsWith("unhealthy: ");
        TaskStatus failed = sink.sent.get(sink.sent.size() - 1);
        assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(failed.getMessage()).startsWith("health check failed 3 times in a row: GET http://127.0.0.1:")
                .contains("/health");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private NodeSupervisor start(TaskInfo task, RecordingSink sink) throws IOException {
        Files.createDirectories(dir.resolve("sandbox")); // the agent makes it
        NodeSupervisor s = new NodeSupervisor(task, dir.resolve("sandbox"), sink, false);
        started.add(s);
        s.start();
        return s;
    }

    private static TaskStatus awaitUpdate(RecordingSink sink, Predicate<TaskStatus> wanted) {
        await().atMost(WAIT).until(() -> sink.first(wanted).isPresent()
                || sink.first(s -> s.getState() == TaskState.TASK_FAILED).isPresent());
        return sink.first(wanted).orElseThrow(() -> new AssertionError("the task failed instead: " + sink.sent));
    }

    static TaskInfo task(String id, byte[] data, Duration grace) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
                .setAgentId(AgentID.newBuilder().setValue("agent-0")).setData(ByteString.copyFrom(data))
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder()
                        .setNanoseconds(grace.toNanos())))
                .build();
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
