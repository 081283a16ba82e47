package org.cockroachdb.mesos.testkit.emulator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the probe as a real child process against {@link StubAgent}. */
class ProbeExecutorTest {
    /** A child JVM's start-up dominates; generous so that a loaded machine does not fail the build. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How long "nothing happens" is watched for. */
    private static final Duration QUIET = Duration.ofMillis(700);

    @TempDir
    Path sandbox;
    StubAgent agent;
    Process probe;

    @AfterEach
    void stopEverything() throws Exception {
        if (probe != null) {
            probe.destroyForcibly();
            probe.waitFor(10, TimeUnit.SECONDS);
            Path stderr = sandbox.resolve("stderr");
            if (Files.exists(stderr)) {
                System.out.println("probe stderr:\n" + Files.readString(stderr));
            }
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void launchSendsStartingThenRunningWithTheWrittenFileReadBack() throws Exception {
        startAgentAndProbe(Map.of());

        agent.launch(task("t1", ProbeScript.stay().write("data/hello.txt", "hi").read("data/hello.txt")));

        eventually().until(() -> agent.states().size() >= 2);
        assertThat(agent.states()).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
        TaskStatus running = agent.updates().get(1);
        assertThat(running.getData().toStringUtf8()).isEqualTo("hi");
        assertThat(running.getMessage()).isEqualTo("hi");
        assertThat(sandbox.resolve("data/hello.txt")).hasContent("hi");
        for (TaskStatus status : agent.updates()) {
            assertThat(status.getTaskId().getValue()).isEqualTo("t1");
            assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
            assertThat(status.hasAgentId()).isFalse();
            assertThat(status.getTimestamp()).isPositive();
            assertThat(uuidVersion(status.getUuid())).isEqualTo(4);
        }
        assertThat(agent.updates().get(0).getUuid()).isNotEqualTo(running.getUuid());
        assertThat(probe.isAlive()).isTrue();
    }

    @Test
    void readOfAnAbsentFileReportsEmptyContent() throws Exception {
        startAgentAndProbe(Map.of());

        agent.launch(task("t1", ProbeScript.stay().read("data/nothing-here")));

        eventually().until(() -> agent.states().contains(TaskState.TASK_RUNNING));
        assertThat(agent.updates().get(1).getData()).isEqualTo(ByteString.EMPTY);
    }

    @Test
    void reportEnvPutsTheMesosAndProbeVariablesIntoRunning() throws Exception {
        startAgentAndProbe(Map.of("PROBE_COLOUR", "blue", "OTHER", "hidden"));

        agent.launch(task("t1", ProbeScript.stay().reportEnv()));

        eventually().until(() -> agent.states().contains(TaskState.TASK_RUNNING));
        JsonNode env = new ObjectMapper().readTree(agent.updates().get(1).getData().toByteArray());
        assertThat(env.path("PROBE_COLOUR").asText()).isEqualTo("blue");
        assertThat(env.path("MESOS_EXECUTOR_ID").asText()).isEqualTo("probe-executor");
        assertThat(env.path("MESOS_SANDBOX").asText()).isEqualTo(sandbox.toString());
        assertThat(env.has("OTHER")).isFalse();
    }

    @Test
    void exitScriptEndsTheProcessWithThatCode() throws Exception {
        startAgentAndProbe(Map.of());

        agent.launch(task("t1", ProbeScript.exit(3)));

        eventually().until(() -> !probe.isAlive());
        assertThat(probe.exitValue()).isEqualTo(3);
        assertThat(agent.states()).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    }

    @Test
    void finishedTaskEndsTheExecutorOnceAcknowledged() throws Exception {
        startAgentAndProbe(Map.of());

        agent.launch(task("t1", ProbeScript.finish()));

        eventually().until(() -> !probe.isAlive());
        assertThat(probe.exitValue()).isZero();
        assertThat(agent.states())
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    }

    @Test
    void stayAfterTasksKeepsTheExecutorAliveWhenItsTaskFailed() throws Exception {
        startAgentAndProbe(Map.of("PROBE_STAY_AFTER_TASKS", "1"));

        agent.launch(task("t1", ProbeScript.fail()));

        eventually().until(() -> agent.states().contains(TaskState.TASK_FAILED));
        await().during(QUIET).atMost(PATIENCE).until(probe::isAlive);
    }

    @Test
    void killWithTheKillingCapabilitySendsKillingThenKilled() throws Exception {
        startAgentAndProbe(Map.of(), Capability.Type.TASK_KILLING_STATE);
        agent.launch(task("t1", ProbeScript.stay()));
        eventually().until(() -> agent.states().contains(TaskState.TASK_RUNNING));

        agent.kill(taskId("t1"));

        eventually().until(() -> !probe.isAlive());
        assertThat(probe.exitValue()).as("its last task ended").isZero();
        assertThat(agent.states()).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
                TaskState.TASK_KILLING, TaskState.TASK_KILLED);
    }

    @Test
    void killWithoutTheKillingCapabilitySendsOnlyKilled() throws Exception {
        startAgentAndProbe(Map.of());
        agent.launch(task("t1", ProbeScript.stay()));
        eventually().until(() -> agent.states().contains(TaskState.TASK_RUNNING));

        agent.kill(taskId("t1"));

        eventually().until(() -> agent.states().contains(TaskState.TASK_KILLED));
        assertThat(agent.states())
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLED);
    }

    @Test
    void scriptedIgnoreKillSendsNothing() throws Exception {
        startAgentAndProbe(Map.of(), Capability.Type.TASK_KILLING_STATE);
        agent.launch(task("t1", ProbeScript.stay().ignoreKill()));
        eventually().until(() -> agent.states().contains(TaskState.TASK_RUNNING));

        agent.kill(taskId("t1"));

        await().during(QUIET).atMost(PATIENCE).until(() -> agent.states().size() == 2 && probe.isAlive());
    }

    @Test
    void shutdownKillsEveryTaskAndExitsZero() throws Exception {
        startAgentAndProbe(Map.of());
        agent.launch(task("t1", ProbeScript.stay()));
        agent.launch(task("t2", ProbeScript.stay()));
        eventually().until(() -> agent.states().stream().filter(TaskState.TASK_RUNNING::equals).count() == 2);

        agent.shutdown();

        eventually().until(() -> !probe.isAlive());
        assertThat(probe.exitValue()).isZero();
        assertThat(agent.updates())
                .filteredOn(s -> s.getState() == TaskState.TASK_KILLED)
                .extracting(s -> s.getTaskId().getValue())
                .containsExactlyInAnyOrder("t1", "t2");
    }

    @Test
    void shutdownIsIgnoredWhenAsked() throws Exception {
        startAgentAndProbe(Map.of("PROBE_IGNORE_SHUTDOWN", "1"));
        agent.launch(task("t1", ProbeScript.stay()));
        eventually().until(() -> agent.states().contains(TaskState.TASK_RUNNING));

        agent.shutdown();

        await().during(QUIET).atMost(PATIENCE).until(() -> agent.states().size() == 2 && probe.isAlive());
    }

    @Test
    void badScriptFailsTheTask() throws Exception {
        startAgentAndProbe(Map.of());

        agent.launch(task("t1", ProbeScript.stay()).toBuilder().setData(ByteString.copyFromUtf8("{\"then\":\"dance\"}")).build());

        eventually().until(() -> agent.states().contains(TaskState.TASK_FAILED));
        assertThat(agent.updates().get(0).getMessage()).contains("'then' must be");
    }

    @Test
    void checkpointingExecutorResubscribesWithWhatWasNotAcknowledged() throws Exception {
        startAgentAndProbe(Map.of("MESOS_CHECKPOINT", "1", "MESOS_SUBSCRIPTION_BACKOFF_MAX", "200ms",
                "MESOS_RECOVERY_TIMEOUT", "1mins"));
        agent.stopAcknowledging();
        TaskInfo task = task("t1", ProbeScript.stay());
        agent.launch(task);
        eventually().until(() -> agent.states().size() == 2);

        agent.closeStream();

        eventually().until(() -> agent.subscriptions().size() == 2);
        Call.Subscribe resubscribe = agent.subscriptions().get(1);
        assertThat(resubscribe.getUnacknowledgedUpdatesList())
                .extracting(update -> update.getStatus())
                .containsExactlyElementsOf(agent.updates());
        assertThat(resubscribe.getUnacknowledgedTasksList()).containsExactly(task);
        assertThat(agent.subscriptions().get(0).getUnacknowledgedUpdatesCount()).isZero();
        assertThat(probe.isAlive()).isTrue();
    }

    @Test
    void acknowledgedUpdatesAreNotReplayed() throws Exception {
        startAgentAndProbe(Map.of("MESOS_CHECKPOINT", "1", "MESOS_SUBSCRIPTION_BACKOFF_MAX", "200ms"));
        agent.launch(task("t1", ProbeScript.stay()));
        eventually().until(() -> agent.acknowledged().size() == 2);
        agent.stopAcknowledging();
        agent.kill(taskId("t1"));
        eventually().until(() -> agent.states().size() == 3);

        agent.closeStream();

        eventually().until(() -> agent.subscriptions().size() == 2);
        Call.Subscribe resubscribe = agent.subscriptions().get(1);
        assertThat(resubscribe.getUnacknowledgedUpdatesList())
                .extracting(update -> update.getStatus().getState())
                .containsExactly(TaskState.TASK_KILLED);
        assertThat(resubscribe.getUnacknowledgedTasksList()).as("t1 had updates acknowledged").isEmpty();
    }

    @Test
    void executorWithoutCheckpointingExitsOneWhenTheAgentGoes() throws Exception {
        startAgentAndProbe(Map.of());
        agent.launch(task("t1", ProbeScript.stay()));
        eventually().until(() -> agent.states().contains(TaskState.TASK_RUNNING));

        agent.closeStream();

        eventually().until(() -> !probe.isAlive());
        assertThat(probe.exitValue()).isEqualTo(1);
        assertThat(agent.subscriptions()).hasSize(1);
    }

    @Test
    void checkpointingExecutorGivesUpAfterTheRecoveryTimeout() throws Exception {
        startAgentAndProbe(Map.of("MESOS_CHECKPOINT", "1", "MESOS_SUBSCRIPTION_BACKOFF_MAX", "100ms",
                "MESOS_RECOVERY_TIMEOUT", "1secs"));
        agent.launch(task("t1", ProbeScript.stay()));
        eventually().until(() -> agent.states().contains(TaskState.TASK_RUNNING));

        agent.close();

        eventually().until(() -> !probe.isAlive());
        assertThat(probe.exitValue()).isEqualTo(1);
    }

    @Test
    void executorInfoIsACustomExecutorWithTheExtraEnvironment() {
        ExecutorInfo info = ProbeExecutor.executorInfo("probe-1", Map.of("PROBE_B", "2", "PROBE_A", "1"));

        assertThat(info.getType()).isEqualTo(ExecutorInfo.Type.CUSTOM);
        assertThat(info.getExecutorId().getValue()).isEqualTo("probe-1");
        assertThat(info.getCommand().getShell()).isTrue();
        assertThat(info.getCommand().getValue()).startsWith("exec '").endsWith(" " + ProbeExecutor.class.getName());
        assertThat(info.getCommand().getEnvironment().getVariablesList())
                .extracting(Environment.Variable::getName).containsExactly("PROBE_A", "PROBE_B");
        assertThat(info.getResourcesList()).extracting(r -> r.getName() + "=" + r.getScalar().getValue())
                .containsExactly("cpus=0.1", "mem=64.0");
        assertThat(ProbeExecutor.executorInfo("probe-1", Map.of(), List.of()).getResourcesCount()).isZero();
    }

    // ---- fixtures -------------------------------------------------------------------------------------

    /** Starts the stub agent and the probe the way an agent would: {@code sh -c} on the command, with the MESOS_* environment. */
    private void startAgentAndProbe(Map<String, String> extraEnv, Capability.Type... capabilities) throws IOException {
        agent = StubAgent.start(capabilities);
        Map<String, String> commandEnv = new HashMap<>();
        Map<String, String> agentEnv = new HashMap<>();
        extraEnv.forEach((name, value) -> (name.startsWith("MESOS_") ? agentEnv : commandEnv).put(name, value));
        ExecutorInfo info = ProbeExecutor.executorInfo(StubAgent.EXECUTOR_ID.getValue(), commandEnv);

        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", info.getCommand().getValue())
                .directory(sandbox.toFile())
                .redirectOutput(sandbox.resolve("stdout").toFile())
                .redirectError(sandbox.resolve("stderr").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("MESOS_") || name.startsWith("PROBE_"));
        env.put("MESOS_FRAMEWORK_ID", StubAgent.FRAMEWORK_ID.getValue());
        env.put("MESOS_EXECUTOR_ID", StubAgent.EXECUTOR_ID.getValue());
        env.put("MESOS_AGENT_ENDPOINT", agent.endpoint());
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_DIRECTORY", sandbox.toString());
        env.put("MESOS_CHECKPOINT", "0");
        env.putAll(agentEnv);
        info.getCommand().getEnvironment().getVariablesList().forEach(v -> env.put(v.getName(), v.getValue()));
        probe = builder.start();

        eventually().until(() -> agent.subscriptions().size() == 1);
    }

    private static TaskInfo task(String id, ProbeScript script) {
        return TaskInfo.newBuilder()
                .setName(id)
                .setTaskId(taskId(id))
                .setAgentId(AgentID.newBuilder().setValue("stub-master-S0"))
                .setData(ByteString.copyFrom(script.bytes()))
                .build();
    }

    private static TaskID taskId(String id) {
        return TaskID.newBuilder().setValue(id).build();
    }

    private static int uuidVersion(ByteString uuid) {
        assertThat(uuid.size()).isEqualTo(16);
        ByteBuffer bytes = uuid.asReadOnlyByteBuffer();
        return new UUID(bytes.getLong(), bytes.getLong()).version();
    }

    private ConditionFactory eventually() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20));
    }
}
