package org.cockroachdb.mesos.executor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.executor.ExecutorMain;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.executor.standin.StandinBinary;
import org.cockroachdb.mesos.executor.supervise.NodeSupervisor;
import org.cockroachdb.mesos.http.detect.StaticMasterDetector;
import org.cockroachdb.mesos.http.scheduler.SchedulerClient;
import org.cockroachdb.mesos.http.scheduler.SchedulerListener;
import org.cockroachdb.mesos.http.scheduler.SchedulerSession;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real executor process, launched by the Mesos emulator's agent for a minimal scheduler,
 * running the cockroach stand-in: ready, then stopped by a KILL, a SHUTDOWN or a SIGTERM to the
 * executor; each time cockroach drains and nothing is left behind.
 */
class ExecutorThroughEmulatorTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private MesosEmulator emulator;
    private SchedulerClient scheduler;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile FrameworkID frameworkId;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void launchesAReadyNodeAndKillsItWithoutLeftovers() throws Exception {
        Launched node = launchReadyNode();

        assertThat(scheduler.send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.KILL)
                .setKill(Call.Kill.newBuilder().setTaskId(node.task().getTaskId()).setAgentId(node.agent()))
                .build()).isSuccess()).isTrue();

        TaskStatus killed = awaitUpdate(s -> s.getState() == TaskState.TASK_KILLED);
        assertThat(killed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(updates()).extracting(TaskStatus::getState).contains(TaskState.TASK_KILLING);
        // the executor exits once its last update is acknowledged, and takes nothing with it
        await().atMost(WAIT).until(() -> StandinBinary.nodesUnder(dir).isEmpty() && executors().isEmpty());
        assertThat(updates()).extracting(TaskStatus::getState).doesNotContain(TaskState.TASK_FAILED);
        assertThat(cockroachStdout()).contains("server drained and shutdown completed");
    }

    @Test
    void aFrameworkTeardownDrainsTheNodeBeforeTheAgentDestroysTheExecutor() throws Exception {
        launchReadyNode();

        assertThat(scheduler.send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.TEARDOWN).build())
                .isSuccess()).isTrue();

        await().atMost(WAIT).until(() -> StandinBinary.nodesUnder(dir).isEmpty() && executors().isEmpty());
        assertThat(cockroachStdout()).contains("server drained and shutdown completed");
    }

    @Test
    void aTerminatedExecutorTakesCockroachWithIt() throws Exception {
        launchReadyNode();
        List<ProcessHandle> executors = executors();
        assertThat(executors).hasSize(1);

        executors.get(0).destroy(); // SIGTERM

        await().atMost(WAIT).until(() -> StandinBinary.nodesUnder(dir).isEmpty() && executors().isEmpty());
        assertThat(cockroachStdout()).contains("server drained and shutdown completed");
    }

    /** What was launched, once it reported readiness passed. */
    private record Launched(TaskInfo task, AgentID agent) {}

    private Launched launchReadyNode() throws Exception {
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(1, dir.resolve("mesos")).fast());
        FrameworkInfo framework = FrameworkInfo.newBuilder().setUser("nobody").setName("cockroachdb-test")
                .addRoles("cockroachdb-role").setCheckpoint(true).setFailoverTimeout(3600)
                .addCapabilities(capability(FrameworkInfo.Capability.Type.MULTI_ROLE))
                .addCapabilities(capability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE))
                .build();
        scheduler = SchedulerClient.builder(new StaticMasterDetector(List.of(emulator.masterUri())),
                () -> subscribeCall(framework), new Recorder()).build();
        scheduler.start();

        Offer offer = awaitEvent(e -> e.getType() == Event.Type.OFFERS).getOffers().getOffers(0);
        Path binary = StandinBinary.write(dir.resolve("bin"), "v23.1.11", dir.resolve("standin-home"));
        LaunchSpec spec = StandinBinary.spec(binary, "v23.1.11", true, Duration.ofSeconds(30));
        TaskInfo task = nodeTask(offer.getAgentId(), spec);
        assertThat(scheduler.send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACCEPT)
                .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
                        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                                .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)))
                        .setFilters(Filters.newBuilder().setRefuseSeconds(3600)))
                .build()).isSuccess()).isTrue();

        TaskStatus ready = awaitUpdate(s -> s.getState() == TaskState.TASK_RUNNING
                && label(s, StatusLabels.READINESS).equals(Optional.of(StatusLabels.READINESS_PASSED)));
        assertThat(label(ready, StatusLabels.NODE_ID)).contains("1");
        assertThat(label(ready, StatusLabels.CLUSTER_INIT)).contains(StatusLabels.CLUSTER_INIT_DONE);
        assertThat(ready.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(StandinBinary.nodesUnder(dir)).hasSize(1);
        assertThat(executors()).hasSize(1);
        return new Launched(task, offer.getAgentId());
    }

    /** The node's stdout, teed into the executor's sandbox. */
    private String cockroachStdout() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("mesos"))) {
            Path stdout = files.filter(f -> f.getFileName().toString().equals(NodeSupervisor.STDOUT_FILE)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + NodeSupervisor.STDOUT_FILE + " in any sandbox"));
            return Files.readString(stdout);
        }
    }

    private TaskInfo nodeTask(AgentID agent, LaunchSpec spec) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExecutorInfo executor = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue("cockroachdb-0-executor"))
                .setCommand(CommandInfo.newBuilder().setValue("exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
                        + " -cp '" + System.getProperty("java.class.path") + "' " + ExecutorMain.class.getName()))
                .addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 64))
                .build();
        return TaskInfo.newBuilder().setName("cockroachdb-0-node-init")
                .setTaskId(TaskID.newBuilder().setValue("cockroachdb-0-node-init__1"))
                .setAgentId(agent).setExecutor(executor)
                .addResources(scalar("cpus", 0.5)).addResources(scalar("mem", 256))
                .setData(ByteString.copyFrom(spec.toJson()))
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder()
                        .setNanoseconds(Duration.ofSeconds(20).toNanos())))
                .build();
    }

    /** Executor JVMs started (through the emulator) by this test JVM. */
    private static List<ProcessHandle> executors() {
        return StandinBinary.withArgument(a -> a.equals(ExecutorMain.class.getName())).stream()
                .filter(p -> ProcessHandle.current().descendants().anyMatch(d -> d.pid() == p.pid()))
                .toList();
    }

    private List<TaskStatus> updates() {
        return events.stream().filter(e -> e.getType() == Event.Type.UPDATE).map(e -> e.getUpdate().getStatus()).toList();
    }

    private TaskStatus awaitUpdate(Predicate<TaskStatus> wanted) {
        await().atMost(WAIT).until(() -> updates().stream().anyMatch(wanted.or(s -> s.getState() == TaskState.TASK_FAILED)));
        return updates().stream().filter(wanted).findFirst()
                .orElseThrow(() -> new AssertionError("the task failed instead: " + updates()));
    }

    private Event awaitEvent(Predicate<Event> wanted) {
        await().atMost(WAIT).until(() -> events.stream().anyMatch(wanted));
        return events.stream().filter(wanted).findFirst().orElseThrow();
    }

    private Call subscribeCall(FrameworkInfo framework) {
        FrameworkInfo info = frameworkId == null ? framework : framework.toBuilder().setId(frameworkId).build();
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
        if (frameworkId != null) {
            call.setFrameworkId(frameworkId);
        }
        return call.build();
    }

    /** Keeps every event and acknowledges every update that asks for it, as a scheduler must. */
    private final class Recorder implements SchedulerListener {
        @Override
        public void subscribed(SchedulerSession session) {
            frameworkId = session.subscribed().getFrameworkId();
        }

        @Override
        public void received(Event event) {
            events.add(event);
            if (event.getType() == Event.Type.UPDATE && event.getUpdate().getStatus().hasUuid()) {
                TaskStatus s = event.getUpdate().getStatus();
                scheduler.send(Call.newBuilder().setFrameworkId(frameworkId).setType(Call.Type.ACKNOWLEDGE)
                        .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(s.getAgentId()).setTaskId(s.getTaskId())
                                .setUuid(s.getUuid()))
                        .build());
            }
        }

        @Override
        public void disconnected(String reason) {
            // the client resubscribes by itself
        }
    }

    private static Optional<String> label(TaskStatus s, String key) {
        return s.getLabels().getLabelsList().stream().filter(l -> l.getKey().equals(key)).map(l -> l.getValue()).findFirst();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static FrameworkInfo.Capability capability(FrameworkInfo.Capability.Type type) {
        return FrameworkInfo.Capability.newBuilder().setType(type).build();
    }
}
