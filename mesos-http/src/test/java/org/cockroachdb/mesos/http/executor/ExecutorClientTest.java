package org.cockroachdb.mesos.http.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.stub.RecordedRequest;
import org.cockroachdb.mesos.http.stub.Reply;
import org.cockroachdb.mesos.http.stub.StubMesosServer;
import org.cockroachdb.mesos.http.stub.StubStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Recorder listener = new Recorder();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void subscribePostsProtobufWithTheIdsToTheAgentsExecutorApi() {
        StubMesosServer agent = agent(subscribeStreams());
        start(agent, Map.of());

        RecordedRequest subscribe = agent.nextStream().request();

        assertThat(subscribe.path()).isEqualTo("/api/v1/executor");
        assertThat(subscribe.httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(subscribe.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(subscribe.header("Accept")).isEqualTo("application/x-protobuf");
        assertThat(subscribe.header("Authorization")).isNull();
        Call call = subscribe.executorCall();
        assertThat(call.getType()).isEqualTo(Call.Type.SUBSCRIBE);
        assertThat(call.getFrameworkId().getValue()).isEqualTo("5b1c2f0a-0000");
        assertThat(call.getExecutorId().getValue()).isEqualTo("cockroachdb-0-executor");
        assertThat(call.getSubscribe().getUnacknowledgedTasksList()).isEmpty();
        assertThat(call.getSubscribe().getUnacknowledgedUpdatesList()).isEmpty();
    }

    @Test
    void authenticationTokenIsSentAsBearerOnEveryCall() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", "t0ken"));
        agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(client::isSubscribed);

        client.update(status("t1", TaskState.TASK_RUNNING));

        assertThat(agent.requests()).hasSize(2)
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer t0ken"));
    }

    @Test
    void updateIsStampedWithAFreshRandomUuidExecutorSourceAndNoAgentId() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of());
        agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(client::isSubscribed);
        TaskStatus fromTheExecutor = status("t1", TaskState.TASK_RUNNING).toBuilder()
                .setAgentId(AgentID.newBuilder().setValue("wrong-agent"))
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .build();

        CallResult first = client.update(fromTheExecutor);
        client.update(fromTheExecutor);

        assertThat(first.status()).isEqualTo(202);
        List<TaskStatus> posted = agent.requests().subList(1, 3).stream()
                .map(r -> r.executorCall())
                .peek(c -> assertThat(c.getType()).isEqualTo(Call.Type.UPDATE))
                .map(c -> c.getUpdate().getStatus())
                .toList();
        for (TaskStatus status : posted) {
            assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
            assertThat(status.hasAgentId()).isFalse();
            assertThat(status.getExecutorId().getValue()).isEqualTo("cockroachdb-0-executor");
            assertThat(status.hasTimestamp()).isTrue();
            UUID uuid = uuidOf(status.getUuid());
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
        }
        assertThat(posted.get(0).getUuid()).isNotEqualTo(posted.get(1).getUuid());
    }

    @Test
    void updatesAreKeptUntilTheAgentAcknowledgesThatUuid() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of());
        StubStream stream = agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(client::isSubscribed);
        client.update(status("t1", TaskState.TASK_STARTING));
        client.update(status("t1", TaskState.TASK_RUNNING));
        List<TaskStatus> kept = client.unacknowledgedUpdates();
        assertThat(kept).extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);

        stream.send(acknowledged("t1", kept.get(0).getUuid()));

        await().atMost(WAIT).until(() -> client.unacknowledgedUpdates().size() == 1);
        assertThat(client.unacknowledgedUpdates()).containsExactly(kept.get(1));
    }

    @Test
    void resubscribeReplaysUnacknowledgedUpdatesAndTasks() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of());
        StubStream first = agent.nextStream();
        first.send(subscribed()).send(launch(task("t1"))).send(launchGroup(task("t2"), task("t3")));
        await().atMost(WAIT).until(() -> client.unacknowledgedTasks().size() == 3);
        client.update(status("t1", TaskState.TASK_RUNNING));
        client.update(status("t2", TaskState.TASK_RUNNING));
        TaskStatus t1Running = client.unacknowledgedUpdates().get(0);
        TaskStatus t2Running = client.unacknowledgedUpdates().get(1);
        first.send(acknowledged("t1", t1Running.getUuid()));
        await().atMost(WAIT).until(() -> client.unacknowledgedUpdates().size() == 1);

        first.end();

        Call.Subscribe replay = agent.nextStream().request().executorCall().getSubscribe();
        assertThat(replay.getUnacknowledgedUpdatesList()).extracting(Call.Update::getStatus).containsExactly(t2Running);
        assertThat(replay.getUnacknowledgedTasksList()).containsExactly(task("t2"), task("t3"));
    }

    @Test
    void updateWhileNotSubscribedIsKeptAndSentWithTheNextSubscribe() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of());
        StubStream first = agent.nextStream(); // open, but SUBSCRIBED not yet sent

        CallResult result = client.update(status("t1", TaskState.TASK_FAILED));
        first.end();

        assertThat(result).isInstanceOf(CallResult.Unreachable.class);
        assertThat(((CallResult.Unreachable) result).message()).startsWith("not subscribed");
        Call.Subscribe replay = agent.nextStream().request().executorCall().getSubscribe();
        assertThat(replay.getUnacknowledgedUpdatesList()).extracting(u -> u.getStatus().getState())
                .containsExactly(TaskState.TASK_FAILED);
        assertThat(agent.requests()).hasSize(2);
    }

    @Test
    void updateMadeWhileSubscribeIsInFlightIsPostedOnSubscribed() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of());
        StubStream stream = agent.nextStream(); // SUBSCRIBE posted: its replay set is already built

        CallResult during = client.update(status("t1", TaskState.TASK_FAILED));
        stream.send(subscribed());

        assertThat(during).isInstanceOf(CallResult.Unreachable.class);
        ByteString kept = client.unacknowledgedUpdates().get(0).getUuid();
        await().atMost(WAIT).until(() -> postedUpdates(agent).size() == 1);
        assertThat(postedUpdates(agent).get(0).getUuid()).isEqualTo(kept);
    }

    @Test
    void concurrentUpdatesArePostedOneAtATimeInTheOrderTheyWereMade() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger updatesSeen = new AtomicInteger();
        StubMesosServer agent = agent(request -> {
            if (request.executorCall().getType() == Call.Type.SUBSCRIBE) {
                return Reply.stream(null);
            }
            if (updatesSeen.incrementAndGet() == 1) {
                awaitQuietly(releaseFirst); // the first POST is slow to be answered
            }
            return Reply.accepted();
        });
        ExecutorClient client = start(agent, Map.of());
        agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(client::isSubscribed);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        toClose.add(callers::shutdownNow);

        Future<CallResult> starting = callers.submit(() -> client.update(status("t1", TaskState.TASK_STARTING)));
        await().atMost(WAIT).until(() -> postedUpdates(agent).size() == 1);
        CountDownLatch secondMade = new CountDownLatch(1);
        Future<CallResult> running = callers.submit(() -> {
            secondMade.countDown();
            return client.update(status("t1", TaskState.TASK_RUNNING));
        });
        assertThat(secondMade.await(10, TimeUnit.SECONDS)).isTrue();

        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> postedUpdates(agent).size() == 1);
        releaseFirst.countDown();
        assertThat(starting.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(running.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(postedUpdates(agent)).extracting(TaskStatus::getState)
                .containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING);
    }

    @Test
    void anUpdateTheAgentRefusesAsInvalidIsNotKeptForReplay() {
        StubMesosServer agent = agent(request -> request.executorCall().getType() == Call.Type.SUBSCRIBE
                ? Reply.stream(null) : Reply.status(400, "Failed to validate executor::Call"));
        ExecutorClient client = start(agent, Map.of());
        StubStream first = agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(client::isSubscribed);

        CallResult result = client.update(status("t1", TaskState.TASK_RUNNING));

        assertThat(result).isInstanceOf(CallResult.Rejected.class);
        assertThat(result.status()).isEqualTo(400);
        assertThat(client.unacknowledgedUpdates()).isEmpty();
        first.end();
        assertThat(agent.nextStream().request().executorCall().getSubscribe().getUnacknowledgedUpdatesList()).isEmpty();
    }

    @Test
    void anUpdateRefusedWith403IsKeptForTheNextSubscribe() {
        StubMesosServer agent = agent(request -> request.executorCall().getType() == Call.Type.SUBSCRIBE
                ? Reply.stream(null) : Reply.status(403, "Executor is not subscribed"));
        ExecutorClient client = start(agent, Map.of());
        agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(client::isSubscribed);

        CallResult result = client.update(status("t1", TaskState.TASK_RUNNING));

        assertThat(result.status()).isEqualTo(403);
        assertThat(client.unacknowledgedUpdates()).extracting(TaskStatus::getState).containsExactly(TaskState.TASK_RUNNING);
    }

    @Test
    void eventsReachTheListenerInOrder() {
        StubMesosServer agent = agent(subscribeStreams());
        start(agent, Map.of());

        agent.nextStream().send(subscribed()).send(launch(task("t1"))).send(kill("t1"));

        await().atMost(WAIT).until(() -> listener.events.size() == 3);
        assertThat(listener.events).extracting(Event::getType)
                .containsExactly(Event.Type.SUBSCRIBED, Event.Type.LAUNCH, Event.Type.KILL);
    }

    @Test
    void withoutCheckpointingALostAgentMeansGivingUpAtOnce() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of("MESOS_CHECKPOINT", "0"));
        StubStream stream = agent.nextStream().send(subscribed());

        stream.end();

        await().atMost(WAIT).until(() -> !listener.gaveUp.isEmpty());
        assertThat(listener.gaveUp).singleElement()
                .satisfies(reason -> assertThat(reason).contains("closed").contains("does not checkpoint"));
        assertThat(client.isRunning()).isFalse();
        assertThat(agent.requests()).hasSize(1);
    }

    @Test
    void withCheckpointingALostAgentIsResubscribed() {
        StubMesosServer agent = agent(subscribeStreams());
        start(agent, Map.of());
        StubStream first = agent.nextStream().send(subscribed());

        first.abort();

        agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(() -> listener.eventsOfType(Event.Type.SUBSCRIBED) == 2);
        assertThat(listener.disconnects).singleElement().satisfies(r -> assertThat(r).contains("broke"));
        assertThat(listener.gaveUp).isEmpty();
    }

    @Test
    void withCheckpointingTheClientGivesUpAfterTheRecoveryTimeout() {
        AtomicInteger subscribes = new AtomicInteger();
        StubMesosServer agent = agent(request -> subscribes.incrementAndGet() == 1
                ? Reply.stream(null)
                : Reply.status(503, "Agent has not finished recovery"));
        ExecutorClient client = start(agent, Map.of("MESOS_RECOVERY_TIMEOUT", "400ms",
                "MESOS_SUBSCRIPTION_BACKOFF_MAX", "40ms"));
        StubStream stream = agent.nextStream().send(subscribed());
        long lostAt = System.nanoTime();

        stream.end();

        await().atMost(WAIT).until(() -> !listener.gaveUp.isEmpty());
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt)).isGreaterThanOrEqualTo(400);
        assertThat(listener.gaveUp).singleElement()
                .satisfies(reason -> assertThat(reason).contains("503 Agent has not finished recovery")
                        .contains("recovery timeout of 400ms"));
        assertThat(subscribes.get()).as("attempts at most 40 ms apart for 400 ms").isGreaterThan(3);
        assertThat(client.isRunning()).isFalse();
    }

    @Test
    void messageIsSentAsAMessageCall() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of());
        agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(client::isSubscribed);

        assertThat(client.message("hello".getBytes()).isSuccess()).isTrue();

        Call call = agent.requests().get(1).executorCall();
        assertThat(call.getType()).isEqualTo(Call.Type.MESSAGE);
        assertThat(call.getMessage().getData().toStringUtf8()).isEqualTo("hello");
    }

    @Test
    void closeEndsTheStreamAndNoCallbackFollows() {
        StubMesosServer agent = agent(subscribeStreams());
        ExecutorClient client = start(agent, Map.of());
        StubStream stream = agent.nextStream().send(subscribed());
        await().atMost(WAIT).until(client::isSubscribed);

        client.close();
        int callbacksAtClose = listener.callbacks.get();

        assertThat(client.isRunning()).isFalse();
        await().atMost(WAIT).until(() -> !stream.stillConnectedAfterSending(kill("t1")));
        assertThat(listener.callbacks.get()).isEqualTo(callbacksAtClose);
        assertThat(listener.gaveUp).isEmpty();
    }

    @Test
    void aClientClosedBeforeItWasStartedNeverSubscribes() {
        StubMesosServer agent = agent(subscribeStreams());
        Map<String, String> vars = ExecutorEnvironmentTest.agentEnvironment();
        vars.put("MESOS_AGENT_ENDPOINT", "127.0.0.1:" + agent.port());
        ExecutorClient client = ExecutorClient.builder(ExecutorEnvironment.from(vars), listener).build();
        toClose.add(client);

        client.close();
        client.start();

        assertThat(client.isRunning()).isFalse();
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> agent.requests().isEmpty());
    }

    // --- fixtures -------------------------------------------------------------------------------

    private StubMesosServer agent(Function<RecordedRequest, Reply> responder) {
        StubMesosServer stub = StubMesosServer.start(responder);
        toClose.add(stub);
        return stub;
    }

    /** SUBSCRIBE opens a stream (no stream id on the executor API); every other call is accepted. */
    private static Function<RecordedRequest, Reply> subscribeStreams() {
        return request -> request.executorCall().getType() == Call.Type.SUBSCRIBE ? Reply.stream(null) : Reply.accepted();
    }

    private ExecutorClient start(StubMesosServer agent, Map<String, String> overrides) {
        Map<String, String> vars = ExecutorEnvironmentTest.agentEnvironment();
        vars.put("MESOS_AGENT_ENDPOINT", "127.0.0.1:" + agent.port());
        vars.putAll(overrides);
        ExecutorEnvironment env = ExecutorEnvironment.from(vars);
        ExecutorClient client = ExecutorClient.builder(env, listener)
                .httpClient(new MesosHttpClient(Duration.ofSeconds(5)))
                .build(); // the default backoff, capped at MESOS_SUBSCRIPTION_BACKOFF_MAX
        toClose.add(client);
        client.start();
        return client;
    }

    private static List<TaskStatus> postedUpdates(StubMesosServer agent) {
        return agent.requests().stream().map(RecordedRequest::executorCall)
                .filter(c -> c.getType() == Call.Type.UPDATE).map(c -> c.getUpdate().getStatus()).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static UUID uuidOf(ByteString bytes) {
        assertThat(bytes.size()).isEqualTo(16);
        ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static TaskStatus status(String taskId, TaskState state) {
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId)).setState(state).build();
    }

    private static TaskInfo task(String taskId) {
        return TaskInfo.newBuilder()
                .setName(taskId)
                .setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(AgentID.newBuilder().setValue("5b1c2f0a-S3"))
                .addResources(Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                        .setScalar(Value.Scalar.newBuilder().setValue(1)))
                .setCommand(CommandInfo.newBuilder().setValue("cockroach start"))
                .build();
    }

    private static Event subscribed() {
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setExecutorInfo(org.apache.mesos.v1.Protos.ExecutorInfo.newBuilder()
                                .setExecutorId(org.apache.mesos.v1.Protos.ExecutorID.newBuilder().setValue("cockroachdb-0-executor")))
                        .setFrameworkInfo(org.apache.mesos.v1.Protos.FrameworkInfo.newBuilder().setUser("root").setName("cockroachdb"))
                        .setAgentInfo(org.apache.mesos.v1.Protos.AgentInfo.newBuilder().setHostname("127.0.0.1")))
                .build();
    }

    private static Event launch(TaskInfo task) {
        return Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task)).build();
    }

    private static Event launchGroup(TaskInfo... tasks) {
        return Event.newBuilder().setType(Event.Type.LAUNCH_GROUP)
                .setLaunchGroup(Event.LaunchGroup.newBuilder()
                        .setTaskGroup(TaskGroupInfo.newBuilder().addAllTasks(List.of(tasks))))
                .build();
    }

    private static Event kill(String taskId) {
        return Event.newBuilder().setType(Event.Type.KILL)
                .setKill(Event.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))).build();
    }

    private static Event acknowledged(String taskId, ByteString uuid) {
        return Event.newBuilder().setType(Event.Type.ACKNOWLEDGED)
                .setAcknowledged(Event.Acknowledged.newBuilder()
                        .setTaskId(TaskID.newBuilder().setValue(taskId)).setUuid(uuid))
                .build();
    }

    /** Remembers every callback, for assertions. */
    private static final class Recorder implements ExecutorListener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        final List<String> gaveUp = new CopyOnWriteArrayList<>();
        final AtomicInteger callbacks = new AtomicInteger();

        @Override
        public void received(Event event) {
            callbacks.incrementAndGet();
            events.add(event);
        }

        @Override
        public void disconnected(String reason) {
            callbacks.incrementAndGet();
            disconnects.add(reason);
        }

        @Override
        public void gaveUp(String reason) {
            callbacks.incrementAndGet();
            gaveUp.add(reason);
        }

        long eventsOfType(Event.Type type) {
            return events.stream().filter(e -> e.getType() == type).count();
        }
    }
}
