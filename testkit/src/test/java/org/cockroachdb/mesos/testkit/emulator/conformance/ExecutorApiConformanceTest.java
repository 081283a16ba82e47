package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.testkit.emulator.cluster.Cluster;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeExecutor;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;
import org.junit.jupiter.api.Test;

/** Checklist 10: the executor API, its environment, and what executor exits and timeouts do. */
class ExecutorApiConformanceTest extends EmulatorFixture {

    /** An executor whose process never subscribes, so the test can speak for it. */
    private static ExecutorInfo silentExecutor(String id) {
        return ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.CUSTOM).setExecutorId(ExecutorID.newBuilder().setValue(id))
                .setCommand(CommandInfo.newBuilder().setValue("exec sleep 120"))
                .addResources(Ops.scalar("cpus", 0.1)).addResources(Ops.scalar("mem", 32)).build();
    }

    private static TaskInfo task(String id, Offer offer, ExecutorInfo executor) {
        return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id)).setAgentId(offer.getAgentId())
                .setExecutor(executor).addResources(Ops.scalar("cpus", 0.5)).addResources(Ops.scalar("mem", 64)).build();
    }

    private TestExecutor executorFor(TestScheduler s, String executorId) {
        Cluster.AgentAddress agent = emulator.agents().get(0);
        return closeLater(new TestExecutor(agent.endpoint(), s.frameworkId.getValue(), executorId));
    }

    /** Launches a task on a silent executor and waits until the agent has the executor. */
    private TestExecutor launchSilent(TestScheduler s, String taskId, String executorId) {
        Offer offer = s.offers().get(0);
        assertThat(s.accept(offer, Ops.launch(task(taskId, offer, silentExecutor(executorId)))).isSuccess()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.state().agent(0).executors().contains(executorId));
        return executorFor(s, executorId);
    }

    @Test
    void executorGetsTheMesosEnvironmentAndItsCommandEnvironment() throws Exception {
        start(1);
        TestScheduler s = subscribe("env");
        Offer offer = s.offers().get(0);
        ExecutorInfo probe = ProbeExecutor.executorInfo("env-exec", Map.of("PROBE_COLOR", "teal"));
        s.accept(offer, Ops.launch(Ops.probeTask("env-task", offer.getAgentId(), probe, ProbeScript.stay().reportEnv(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));
        s.updateAcked("env-task", TaskState.TASK_STARTING);
        TaskStatus running = s.update("env-task", TaskState.TASK_RUNNING);

        JsonNode env = new ObjectMapper().readTree(running.getData().toStringUtf8());
        Cluster.AgentAddress agent = emulator.agents().get(0);
        String endpoint = agent.hostname() + ":" + agent.endpoint().getPort();
        assertThat(env.path("MESOS_FRAMEWORK_ID").asText()).isEqualTo(s.frameworkId.getValue());
        assertThat(env.path("MESOS_EXECUTOR_ID").asText()).isEqualTo("env-exec");
        assertThat(env.path("MESOS_AGENT_ENDPOINT").asText()).isEqualTo(endpoint);
        assertThat(env.path("MESOS_SLAVE_PID").asText()).isEqualTo("slave(1)@" + endpoint);
        assertThat(env.path("MESOS_SLAVE_ID").asText()).isEqualTo(agent.id());
        assertThat(env.path("MESOS_CHECKPOINT").asText()).isEqualTo("1");
        assertThat(env.path("MESOS_RECOVERY_TIMEOUT").asText()).isEqualTo("15mins");
        assertThat(env.path("MESOS_SUBSCRIPTION_BACKOFF_MAX").asText()).isEqualTo("2secs");
        assertThat(env.path("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD").asText()).matches("\\d+(secs|mins|ms)");
        assertThat(env.path("PROBE_COLOR").asText()).isEqualTo("teal");
        Path sandbox = Path.of(env.path("MESOS_SANDBOX").asText());
        assertThat(env.path("MESOS_DIRECTORY").asText()).isEqualTo(sandbox.toString());
        assertThat(sandbox).isDirectory();
        assertThat(sandbox.resolve("stderr")).exists();
    }

    @Test
    void callsBeforeSubscribeAreRejectedWith403() throws Exception {
        start(1);
        TestScheduler s = subscribe("early");
        TestExecutor executor = launchSilent(s, "t1", "e1");

        CallResult result = executor.send(TestExecutor.update("t1", TaskState.TASK_RUNNING));

        assertThat(result).isInstanceOf(CallResult.Rejected.class);
        assertThat(result.status()).isEqualTo(403);
    }

    @Test
    void callsForAnExecutorTheAgentDoesNotRunAreRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("stranger");
        s.offers();
        TestExecutor stranger = executorFor(s, "never-launched");

        CallResult message = stranger.post(stranger.call(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder()
                .setData(com.google.protobuf.ByteString.copyFromUtf8("hello"))));
        assertThat(message.status()).isEqualTo(400);
        assertThat(message.describe()).contains("Framework cannot be found");
    }

    /** ⚠ code: the agent answers HEARTBEAT before it looks the executor up (reference §4.2: always 202). */
    @Test
    void heartbeatIsAccepted202EvenForAnExecutorTheAgentDoesNotRun() throws Exception {
        start(1);
        TestScheduler s = subscribe("heartbeat");
        s.offers();
        TestExecutor stranger = executorFor(s, "never-launched");

        assertThat(stranger.post(stranger.call(Call.Type.HEARTBEAT)).status()).isEqualTo(202);
    }

    @Test
    void anInvalidUpdateBeforeSubscribeIsRejectedWith400Not403() throws Exception {
        start(1);
        TestScheduler s = subscribe("early-invalid");
        TestExecutor executor = launchSilent(s, "t1", "e1");

        CallResult result = executor.send(TestExecutor.update("t1", TaskState.TASK_STAGING));

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.describe()).contains("TASK_STAGING");
    }

    @Test
    void anUpdateWhoseStatusNamesAnotherExecutorIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("impostor");
        TestExecutor executor = launchSilent(s, "i1", "i-exec");
        executor.subscribe();
        executor.next(Event.Type.LAUNCH);
        Call.Update other = Call.Update.newBuilder().setStatus(TestExecutor.update("i1", TaskState.TASK_RUNNING)
                .getStatus().toBuilder().setExecutorId(ExecutorID.newBuilder().setValue("someone-else"))).build();

        CallResult result = executor.send(other);

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.describe()).contains("does not match ExecutorID in TaskStatus");
    }

    @Test
    void tasksLaunchedBeforeSubscribeAreDeliveredAfterSubscribed() throws Exception {
        start(1);
        TestScheduler s = subscribe("queued");
        TestExecutor executor = launchSilent(s, "queued-task", "q-exec");

        Event subscribed = executor.subscribe();

        assertThat(subscribed.getSubscribed().getExecutorInfo().getExecutorId().getValue()).isEqualTo("q-exec");
        assertThat(subscribed.getSubscribed().getFrameworkInfo().getId()).isEqualTo(s.frameworkId);
        assertThat(subscribed.getSubscribed().getAgentInfo().getId().getValue()).isEqualTo(emulator.agents().get(0).id());
        assertThat(subscribed.getSubscribed().getContainerId().getValue()).isNotEmpty();
        Event launch = executor.next(Event.Type.LAUNCH);
        assertThat(launch.getLaunch().getTask().getTaskId().getValue()).isEqualTo("queued-task");
    }

    @Test
    void killingOneQueuedTaskOfAGroupKillsTheWholeGroupAndNoneOfItIsDelivered() throws Exception {
        start(1);
        TestScheduler s = subscribe("queued-group");
        Offer offer = s.offers().get(0);
        ExecutorInfo executor = silentExecutor("group-exec").toBuilder().setFrameworkId(s.frameworkId)
                .addResources(Ops.scalar("disk", 10)).build();
        TaskGroupInfo group = TaskGroupInfo.newBuilder()
                .addTasks(task("first", offer, executor).toBuilder().clearExecutor())
                .addTasks(task("second", offer, executor).toBuilder().clearExecutor()).build();
        assertThat(s.accept(offer, org.apache.mesos.v1.Protos.Offer.Operation.newBuilder()
                .setType(org.apache.mesos.v1.Protos.Offer.Operation.Type.LAUNCH_GROUP)
                .setLaunchGroup(org.apache.mesos.v1.Protos.Offer.Operation.LaunchGroup.newBuilder()
                        .setExecutor(executor).setTaskGroup(group)).build()).isSuccess()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.state().agent(0).executors().contains("group-exec"));

        s.kill("first", offer.getAgentId().getValue());

        for (String task : List.of("first", "second")) {
            TaskStatus killed = s.update(task, TaskState.TASK_KILLED);
            assertThat(killed.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH);
        }
        TestExecutor late = executorFor(s, "group-exec");
        late.subscribe();
        assertThat(late.maybeNext(Event.Type.LAUNCH_GROUP, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void theAgentAcknowledgesAnUpdateBeforeTheSchedulerDoes() throws Exception {
        start(1);
        TestScheduler s = subscribe("receipt");
        TestExecutor executor = launchSilent(s, "r1", "r-exec");
        executor.subscribe();
        executor.next(Event.Type.LAUNCH);

        Call.Update running = TestExecutor.update("r1", TaskState.TASK_RUNNING);
        assertThat(executor.send(running).status()).isEqualTo(202);

        Event ack = executor.next(Event.Type.ACKNOWLEDGED);
        assertThat(ack.getAcknowledged().getUuid()).isEqualTo(TestExecutor.uuidOf(running));
        TaskStatus delivered = s.update("r1", TaskState.TASK_RUNNING);
        assertThat(delivered.getUuid()).isEqualTo(TestExecutor.uuidOf(running));
        assertThat(delivered.getAgentId().getValue()).isEqualTo(emulator.agents().get(0).id());
        assertThat(delivered.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(emulator.state().tasks()).singleElement()
                .satisfies(t -> assertThat(t.pendingUpdates()).isEqualTo(1)); // kept until the scheduler acks
    }

    @Test
    void invalidExecutorUpdatesAreRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("strict");
        TestExecutor executor = launchSilent(s, "v1", "v-exec");
        executor.subscribe();

        Call.Update staging = TestExecutor.update("v1", TaskState.TASK_STAGING);
        Call.Update wrongSource = Call.Update.newBuilder().setStatus(TestExecutor.update("v1", TaskState.TASK_RUNNING)
                .getStatus().toBuilder().setSource(TaskStatus.Source.SOURCE_MASTER)).build();
        Call.Update shortUuid = Call.Update.newBuilder().setStatus(TestExecutor.update("v1", TaskState.TASK_RUNNING)
                .getStatus().toBuilder().setUuid(com.google.protobuf.ByteString.copyFromUtf8("not-a-uuid"))).build();

        assertThat(executor.send(staging).status()).isEqualTo(400);
        assertThat(executor.send(wrongSource).status()).isEqualTo(400);
        assertThat(executor.send(shortUuid).status()).isEqualTo(400);
    }

    @Test
    void updatesReplayedInSubscribeAreForwardedAndAcknowledged() throws Exception {
        start(1);
        TestScheduler s = subscribe("replay");
        TestExecutor executor = launchSilent(s, "p1", "p-exec");
        executor.subscribe();
        executor.next(Event.Type.LAUNCH);
        TaskInfo launched = TaskInfo.newBuilder().setName("p1").setTaskId(TaskID.newBuilder().setValue("p1"))
                .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(emulator.agents().get(0).id())).build();

        // the update never reached the agent (say the connection broke); the executor replays it
        Call.Update lost = TestExecutor.update("p1", TaskState.TASK_RUNNING);
        executor.subscribe(List.of(launched), List.of(lost));

        assertThat(executor.next(Event.Type.ACKNOWLEDGED).getAcknowledged().getUuid()).isEqualTo(TestExecutor.uuidOf(lost));
        assertThat(s.update("p1", TaskState.TASK_RUNNING).getUuid()).isEqualTo(TestExecutor.uuidOf(lost));
    }

    @Test
    void aLaunchedTaskTheResubscribingExecutorDoesNotKnowIsDropped() throws Exception {
        start(1);
        TestScheduler s = subscribe("forgetful");
        TestExecutor executor = launchSilent(s, "f1", "f-exec");
        executor.subscribe();
        executor.next(Event.Type.LAUNCH);

        executor.subscribe(List.of(), List.of()); // came back without the task it was given

        TaskStatus dropped = s.update("f1", TaskState.TASK_DROPPED);
        assertThat(dropped.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        assertThat(dropped.hasUuid()).isTrue();
    }

    @Test
    void killReachesTheExecutorWithTheCallersKillPolicy() throws Exception {
        start(1);
        TestScheduler s = subscribe("killer");
        TestExecutor executor = launchSilent(s, "k1", "k-exec");
        executor.subscribe();
        executor.next(Event.Type.LAUNCH);

        s.call(org.apache.mesos.v1.scheduler.Protos.Call.newBuilder()
                .setType(org.apache.mesos.v1.scheduler.Protos.Call.Type.KILL)
                .setKill(org.apache.mesos.v1.scheduler.Protos.Call.Kill.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue("k1"))
                        .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(7_000_000_000L)))));

        Event kill = executor.next(Event.Type.KILL);
        assertThat(kill.getKill().getTaskId().getValue()).isEqualTo("k1");
        assertThat(kill.getKill().getKillPolicy().getGracePeriod().getNanoseconds()).isEqualTo(7_000_000_000L);
    }

    @Test
    void messagesFlowBetweenSchedulerAndExecutor() throws Exception {
        start(1);
        TestScheduler s = subscribe("chatty");
        TestExecutor executor = launchSilent(s, "m1", "m-exec");
        executor.subscribe();

        s.call(org.apache.mesos.v1.scheduler.Protos.Call.newBuilder()
                .setType(org.apache.mesos.v1.scheduler.Protos.Call.Type.MESSAGE)
                .setMessage(org.apache.mesos.v1.scheduler.Protos.Call.Message.newBuilder()
                        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(emulator.agents().get(0).id()))
                        .setExecutorId(ExecutorID.newBuilder().setValue("m-exec"))
                        .setData(com.google.protobuf.ByteString.copyFromUtf8("ping"))));
        assertThat(executor.next(Event.Type.MESSAGE).getMessage().getData().toStringUtf8()).isEqualTo("ping");

        executor.post(executor.call(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder()
                .setData(com.google.protobuf.ByteString.copyFromUtf8("pong"))));
        var back = s.next(org.apache.mesos.v1.scheduler.Protos.Event.Type.MESSAGE);
        assertThat(back.getMessage().getData().toStringUtf8()).isEqualTo("pong");
        assertThat(back.getMessage().getExecutorId().getValue()).isEqualTo("m-exec");
    }

    @Test
    void theSlaveAliasPathServesTheExecutorApi() throws Exception {
        start(1);
        TestScheduler s = subscribe("alias");
        TestExecutor executor = launchSilent(s, "a1", "a-exec");
        executor.subscribe();
        var alias = executor.http.post(emulator.agents().get(0).endpoint().resolve("/slave(1)/api/v1/executor"),
                executor.call(Call.Type.HEARTBEAT).build().toByteArray(), (String) null);
        assertThat(alias.status()).isEqualTo(202);
    }

    @Test
    void executorExitFailsItsTasksWithExecutorTerminatedAndSendsFailure() throws Exception {
        start(1);
        TestScheduler s = subscribe("crash");
        Offer offer = s.offers().get(0);
        s.accept(offer, Ops.launch(Ops.probeTask("doomed", offer, "doomed-exec", ProbeScript.exit(3),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));
        s.updateAcked("doomed", TaskState.TASK_STARTING);
        s.updateAcked("doomed", TaskState.TASK_RUNNING);

        TaskStatus failed = s.update("doomed", TaskState.TASK_FAILED);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
        assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        assertThat(failed.hasUuid()).isTrue();
        var failure = s.next(org.apache.mesos.v1.scheduler.Protos.Event.Type.FAILURE).getFailure();
        assertThat(failure.getExecutorId().getValue()).isEqualTo("doomed-exec");
        assertThat((failure.getStatus() >> 8) & 0xff).isEqualTo(3); // WEXITSTATUS of a raw waitpid status
    }

    @Test
    void anExecutorThatNeverSubscribesIsDestroyedAndItsTasksFail() throws Exception {
        start(1, c -> c.withExecutorRegistrationTimeout(Duration.ofSeconds(1)));
        TestScheduler s = subscribe("slow");
        launchSilent(s, "late", "late-exec");

        TaskStatus failed = s.update("late", TaskState.TASK_FAILED);

        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.state().agent(0).executors().isEmpty());
    }

    @Test
    void shutdownKillsTheTasksOfAnObedientExecutor() throws Exception {
        start(1);
        TestScheduler s = subscribe("polite");
        Offer offer = s.offers().get(0);
        s.accept(offer, Ops.launch(Ops.probeTask("obedient", offer, "obedient-exec", ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));
        s.updateAcked("obedient", TaskState.TASK_STARTING);
        s.updateAcked("obedient", TaskState.TASK_RUNNING);

        shutdown(s, "obedient-exec");

        assertThat(s.update("obedient", TaskState.TASK_KILLED).hasUuid()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.state().agent(0).executors().isEmpty());
    }

    @Test
    void shutdownForceKillsAnExecutorThatIgnoresItAfterTheGracePeriod() throws Exception {
        start(1);
        TestScheduler s = subscribe("stubborn");
        Offer offer = s.offers().get(0);
        ExecutorInfo stubborn = ProbeExecutor.executorInfo("stubborn-exec", Map.of("PROBE_IGNORE_SHUTDOWN", "1")).toBuilder()
                .setShutdownGracePeriod(DurationInfo.newBuilder().setNanoseconds(1_000_000_000L)).build();
        s.accept(offer, Ops.launch(Ops.probeTask("stuck", offer.getAgentId(), stubborn, ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));
        s.updateAcked("stuck", TaskState.TASK_STARTING);
        s.updateAcked("stuck", TaskState.TASK_RUNNING);

        shutdown(s, "stubborn-exec");

        var failure = s.next(org.apache.mesos.v1.scheduler.Protos.Event.Type.FAILURE).getFailure();
        assertThat(failure.getExecutorId().getValue()).isEqualTo("stubborn-exec");
        assertThat(failure.getStatus() & 0x7f).isEqualTo(9); // WTERMSIG: SIGKILL
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.state().agent(0).executors().isEmpty());
    }

    @Test
    void theSandboxHoldsTheExecutorsStdoutAndStderr() throws Exception {
        start(1);
        TestScheduler s = subscribe("logs");
        Offer offer = s.offers().get(0);
        s.accept(offer, Ops.launch(Ops.probeTask("logged", offer, "logged-exec", ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));
        s.updateAcked("logged", TaskState.TASK_STARTING);
        s.update("logged", TaskState.TASK_RUNNING);

        Path agentDir = emulator.agents().get(0).workDir();
        try (var files = Files.walk(agentDir)) {
            Path stderr = files.filter(p -> p.getFileName().toString().equals("stderr")
                    && p.toString().contains("logged-exec")).findFirst().orElseThrow();
            assertThat(Files.size(stderr)).isPositive();
        }
    }

    private void shutdown(TestScheduler s, String executorId) {
        s.call(org.apache.mesos.v1.scheduler.Protos.Call.newBuilder()
                .setType(org.apache.mesos.v1.scheduler.Protos.Call.Type.SHUTDOWN)
                .setShutdown(org.apache.mesos.v1.scheduler.Protos.Call.Shutdown.newBuilder()
                        .setExecutorId(ExecutorID.newBuilder().setValue(executorId))
                        .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(emulator.agents().get(0).id()))));
    }
}
