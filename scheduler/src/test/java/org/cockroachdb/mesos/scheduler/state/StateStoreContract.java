package org.cockroachdb.mesos.scheduler.state;

import org.cockroachdb.mesos.scheduler.config.ServiceName;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.protobuf.ByteString;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.zookeeper.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the state store promises, run against each real ZooKeeper server we must work with. Each
 * test uses its own service name, so tests never see each other's state.
 */
abstract class StateStoreContract {

    private static final AtomicInteger SERVICES = new AtomicInteger();
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "s3cr3t-value-that-must-not-leak";

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final String service = "cockroachdb-" + getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "-" + SERVICES.incrementAndGet();

    protected abstract ZkServer server();

    @AfterEach
    void closeEverything() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    @Test
    void theServerIsTheExpectedReleaseAndTheClientIs3510() {
        assertThat(FourLetterWords.serverVersion(server().connectString())).hasValueSatisfying(
                version -> assertThat(version).startsWith(server().expectedVersionPrefix()));
        // The 3.4 client cannot connect on JDK 17; the 3.5.10 one in 3.4 mode is what we ship.
        assertThat(Version.getFullVersion()).startsWith("3.5.10");
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
    }

    @Test
    void frameworkIdRoundTrips() throws Exception {
        StateStore store = leader(connect(), "a");

        assertThat(store.frameworkId()).isEmpty();
        store.storeFrameworkId("fw-1");
        store.storeFrameworkId("fw-2");

        assertThat(store.frameworkId()).contains("fw-2");
        assertThat(connect().read("/frameworkId")).hasValueSatisfying(
                stored -> assertThat(new String(stored.value(), UTF_8)).isEqualTo("fw-2"));
    }

    @Test
    void targetConfigIsStoredWithItsHistoryTrimmedToTheLimit() throws Exception {
        StateStore store = leader(connect(), "a", StateStore.Options.defaults().withHistoryLimit(3));

        assertThat(store.target()).isEmpty();
        for (int count = 1; count <= 5; count++) {
            store.storeTarget("{ \"nodeCount\": " + count + " }");
        }

        assertThat(store.target()).contains(new ConfigRevision(5, "{\"nodeCount\":5}"));
        assertThat(store.history()).extracting(ConfigRevision::revision).containsExactly(3L, 4L, 5L);
        assertThat(store.history()).last().isEqualTo(store.target().orElseThrow());
        assertThatThrownBy(() -> store.storeTarget("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.target().orElseThrow().revision()).isEqualTo(5);
    }

    @Test
    void taskRecordsAreStoredWithoutSecrets() throws Exception {
        StateStore store = leader(connect(), "a");
        TaskRecord launching = TaskRecord.launching("cockroachdb-0-node-init", taskInfoWithSecrets().toByteString());

        store.storeTask(launching);
        store.storeTask(launching.withLastStatus(running()).withCockroachNodeId("1").withReady(true));

        byte[] raw = connect().read("/tasks/cockroachdb-0-node-init").orElseThrow().value();
        assertThat(new String(raw, UTF_8)).doesNotContain(SECRET)
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes(UTF_8)));
        TaskRecord stored = store.task("cockroachdb-0-node-init").orElseThrow().value();
        assertThat(stored.taskInfo().toStringUtf8()).doesNotContain(SECRET);
        TaskInfo info = TaskInfo.parseFrom(stored.taskInfo());
        assertThat(info.getCommand().getEnvironment().getVariablesList())
                .extracting(Environment.Variable::getName, Environment.Variable::getValue)
                .containsExactly(
                        tuple("AWS_SECRET_ACCESS_KEY", TaskInfoRedaction.REDACTED),
                        tuple("COCKROACH_PASSWORD", TaskInfoRedaction.REDACTED),
                        tuple("NODE_COUNT", "3"));
        assertThat(info.getLabels().getLabels(0).getValue()).isEqualTo(TaskInfoRedaction.REDACTED);
        assertThat(stored.lastStatus()).contains(running());
        assertThat(stored.cockroachNodeId()).contains("1");
        assertThat(stored.ready()).isTrue();
        assertThat(store.tasks()).extracting(TaskRecord::taskName).containsExactly("cockroachdb-0-node-init");

        store.deleteTask("cockroachdb-0-node-init");
        assertThat(store.tasks()).isEmpty();
    }

    @Test
    void severalTasksAreStoredTogether() throws Exception {
        StateStore store = leader(connect(), "a");
        ByteString info = taskInfoWithSecrets().toByteString();

        store.storeTasks(List.of(TaskRecord.launching("cockroachdb-1-node-join", info),
                TaskRecord.launching("cockroachdb-2-node-join", info)));

        assertThat(store.tasks()).extracting(TaskRecord::taskName)
                .containsExactlyInAnyOrder("cockroachdb-1-node-join", "cockroachdb-2-node-join");
    }

    @Test
    void propertiesRoundTrip() throws Exception {
        StateStore store = leader(connect(), "a");

        assertThat(store.property("initialized")).isEmpty();
        store.storeProperty("initialized", "false");
        store.storeProperty("initialized", "true");
        store.storeProperty("deploy-paused", "yes");

        assertThat(store.property("initialized")).contains("true");
        assertThat(store.properties()).containsOnly(
                entry("initialized", "true"),
                entry("deploy-paused", "yes"));
        store.deleteProperty("deploy-paused");
        assertThat(store.properties()).containsOnlyKeys("initialized");
        assertThatThrownBy(() -> store.storeProperty("../escape", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aConcurrentUpdateIsDetectedByItsVersion() throws Exception {
        StateStore store = leader(connect(), "a");
        TaskRecord record = TaskRecord.launching("cockroachdb-1-node-join", taskInfoWithSecrets().toByteString());
        store.storeTask(record, Versioned.ABSENT);
        int seen = store.task(record.taskName()).orElseThrow().version();

        store.storeTask(record.withReady(true), seen);

        assertThatThrownBy(() -> store.storeTask(record.withCockroachNodeId("9"), seen))
                .isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> store.storeTask(record, Versioned.ABSENT))
                .isInstanceOf(StaleVersionException.class);
        Versioned<TaskRecord> now = store.task(record.taskName()).orElseThrow();
        assertThat(now.value().ready()).isTrue();
        assertThat(now.value().cockroachNodeId()).isEmpty();
        assertThat(now.version()).isEqualTo(seen + 1);
    }

    @Test
    void aSecondSchedulerWaitsForTheLeaderAndTakesOverWhenItCloses() throws Exception {
        StateStore first = leader(connect(), "first");
        first.storeFrameworkId("fw-1");
        ZkStore secondConnection = connect();

        CompletableFuture<Optional<StateStore>> second = CompletableFuture.supplyAsync(() -> {
            try {
                return StateStore.lead(secondConnection, "second", StateStore.Options.defaults(), WAIT);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> !second.isDone());

        first.close();

        StateStore successor = await().atMost(WAIT).until(second::get, Optional::isPresent).orElseThrow();
        opened.push(successor);
        assertThat(successor.isLeader()).isTrue();
        assertThat(successor.frameworkId()).contains("fw-1");
        assertThat(first.isLeader()).isFalse();
        assertThatThrownBy(() -> first.storeFrameworkId("fw-2")).isInstanceOf(NotLeaderException.class);
    }

    @Test
    void aSecondSchedulerThatDoesNotGetTheLockInTimeGetsNoStore() throws Exception {
        StateStore first = leader(connect(), "first");

        Optional<StateStore> second = StateStore.lead(connect(), "second", StateStore.Options.defaults(),
                Duration.ofMillis(500));

        assertThat(second).isEmpty();
        assertThat(first.isLeader()).isTrue();
        first.storeFrameworkId("fw-1");
        assertThat(first.frameworkId()).contains("fw-1");
    }

    @Test
    void theLeaderIsToldWhenItLosesZooKeeper() throws Exception {
        StateStore store = leader(connect(), "a");
        CompletableFuture<LeadershipLoss> lost = store.leadershipLost().toCompletableFuture();
        assertThat(lost).isNotDone();

        server().stop();
        try {
            await().atMost(WAIT).until(lost::isDone);
            assertThat(lost.join()).isIn(LeadershipLoss.REVOKED, LeadershipLoss.CONNECTION_LOST);
            assertThatThrownBy(() -> store.storeProperty("initialized", "true"))
                    .isInstanceOf(NotLeaderException.class);
        } finally {
            server().start();
        }
    }

    @Test
    void deleteAllRemovesTheNamespaceRoot() throws Exception {
        StateStore store = leader(connect(), "a");
        store.storeFrameworkId("fw-1");
        store.storeTarget("{}");
        String root = "/" + ServiceName.of(service).zkNamespace();
        assertThat(rootLevelClient().checkExists().forPath(root)).isNotNull();

        CompletableFuture<LeadershipLoss> lost = store.leadershipLost().toCompletableFuture();

        assertThat(store.deleteAll()).isTrue();

        assertThat(rootLevelClient().checkExists().forPath(root)).isNull();
        // Reads afterwards find nothing and recreate nothing; leaving the election is no loss to react to.
        assertThat(store.frameworkId()).isEmpty();
        assertThat(store.tasks()).isEmpty();
        assertThat(rootLevelClient().checkExists().forPath(root)).isNull();
        assertThat(lost).isNotDone();
        assertThatThrownBy(() -> store.storeProperty("k", "v")).isInstanceOf(NotLeaderException.class);
    }

    @Test
    void withCredentialsOnlyTheSameUserCanReadTheState() throws Exception {
        ZkStore authenticated = open(CuratorZkStore.connect(connection().withDigestCredentials("cockroach:pw")));
        StateStore store = leader(authenticated, "a");
        store.storeFrameworkId("fw-1");

        assertThat(open(CuratorZkStore.connect(connection().withDigestCredentials("cockroach:pw")))
                .read("/frameworkId")).isPresent();
        ZkStore anonymous = connect();
        assertThatThrownBy(() -> anonymous.read("/frameworkId"))
                .isInstanceOf(ZkStoreException.class).hasMessageContaining("NoAuth");
    }

    // ----------------------------------------------------------------------------------------

    private ZkConnection connection() {
        return ZkConnection.of(server().connectString(), service).withTimeouts(SESSION_TIMEOUT, SESSION_TIMEOUT);
    }

    private ZkStore connect() {
        return open(CuratorZkStore.connect(connection()));
    }

    private StateStore leader(ZkStore zk, String id) throws InterruptedException {
        return leader(zk, id, StateStore.Options.defaults());
    }

    private StateStore leader(ZkStore zk, String id, StateStore.Options options) throws InterruptedException {
        return open(StateStore.lead(zk, id, options, WAIT).orElseThrow());
    }

    private CuratorFramework rootLevelClient() {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(server().connectString())
                .retryPolicy(new RetryOneTime(100))
                .zk34CompatibilityMode(true)
                .build();
        client.start();
        opened.push(client);
        return client;
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    private static TaskInfo taskInfoWithSecrets() {
        return TaskInfo.newBuilder()
                .setName("node-init")
                .setTaskId(TaskID.newBuilder().setValue("cockroachdb-0-node-init__1"))
                .setAgentId(AgentID.newBuilder().setValue("agent-1"))
                .setCommand(CommandInfo.newBuilder()
                        .setValue("cockroach start")
                        .setEnvironment(Environment.newBuilder()
                                .addVariables(variable("AWS_SECRET_ACCESS_KEY", SECRET))
                                .addVariables(variable("COCKROACH_PASSWORD", SECRET))
                                .addVariables(variable("NODE_COUNT", "3"))))
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("api_token").setValue(SECRET)))
                .build();
    }

    private static Environment.Variable variable(String name, String value) {
        return Environment.Variable.newBuilder().setName(name).setValue(value).build();
    }

    private static ByteString running() {
        return TaskStatus.newBuilder()
                .setTaskId(TaskID.newBuilder().setValue("cockroachdb-0-node-init__1"))
                .setState(TaskState.TASK_RUNNING)
                .build().toByteString();
    }
}
