package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.scheduler.api.ServiceView;
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
 * Recovery on the emulator (real HTTP, real ZooKeeper, lightweight executors): a deployed node in a
 * crash loop shows in the recovery plan with its backoff while the deploy plan stays COMPLETE; a
 * node whose agent is lost is replaced after {@code REPLACE_AFTER_SECONDS}, once, never while a
 * second node is down, and not at all with the default 0.
 */
class RecoveryOnEmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;
    private TestingServer zk;
    private MesosEmulator emulator;
    private ScheduledService scheduler;

    @BeforeEach
    void start() throws Exception {
        zk = new TestingServer(true);
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(5, work).fast());
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.close();
        }
        emulator.close();
        zk.close();
    }

    private void deploy(Map<String, String> env) throws Exception {
        scheduler = ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(), 3, env);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> plan("deploy").status() == Status.COMPLETE);
    }

    private Plan plan(String name) {
        return plan(scheduler.service.view(), name);
    }

    private static Plan plan(ServiceView view, String name) {
        return view.plan(name).orElseThrow(() -> new AssertionError("no plan " + name + " in " + view.plans()));
    }

    private TaskInfo task(String name) {
        return scheduler.service.store().tasks().stream().filter(r -> r.taskName().equals(name))
                .map(TaskRecord::taskInfo).map(NodeTaskInfos::parse).findFirst().orElseThrow();
    }

    private boolean up(String name) {
        return scheduler.service.store().tasks().stream().filter(r -> r.taskName().equals(name))
                .anyMatch(StoredTasks::isUp);
    }

    private int agentIndex(String agentId) {
        return emulator.state().agents().stream().filter(a -> a.id().equals(agentId)).findFirst().orElseThrow().index();
    }

    private Optional<Step> recoveryStep(String pod) {
        return plan("recovery").steps().stream().filter(s -> s.podName().equals(pod)).findFirst();
    }

    @Test
    void aDeployedNodeInACrashLoopShowsInTheRecoveryPlanWithItsBackoffWhileDeployStaysComplete() throws Exception {
        Path crash = work.resolve("crash-nodes");
        deploy(Map.of("EXECUTOR_COMMAND", ScheduledService.executorCommand(Optional.empty(), Optional.empty(), Optional.of(crash))));
        assertThat(plan("recovery").status()).isEqualTo(Status.COMPLETE);
        assertThat(plan("recovery").phases()).isEmpty();
        TaskInfo before = task("cockroachdb-1-node-join");

        Files.createFile(crash);
        emulator.faults().crashExecutor(scheduler.service.view().frameworkId().orElseThrow(),
                before.getExecutor().getExecutorId().getValue());

        ServiceView delayed = await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(scheduler.service::view,
                v -> plan(v, "recovery").steps().stream().anyMatch(s -> s.status() == Status.DELAYED
                        && s.message().matches("relaunch in \\d+s \\(failure [2-9] in a row\\)")));
        Step step = plan(delayed, "recovery").steps().get(0);
        assertThat(step.name()).isEqualTo("cockroachdb-1:[node-join]");
        assertThat(plan(delayed, "recovery").phases()).extracting(p -> p.name()).containsExactly("cockroachdb-1");
        assertThat(plan(delayed, "deploy").status()).as("the deploy plan of the same snapshot")
                .isEqualTo(Status.COMPLETE);
        assertThat(plan(delayed, "deploy").steps()).filteredOn(s -> s.podName().equals("cockroachdb-1")).singleElement()
                .satisfies(s -> assertThat(s.message()).contains("recovering"));

        Files.delete(crash);
        await().atMost(WAIT).until(() -> up("cockroachdb-1-node-join") && plan("recovery").phases().isEmpty());
        assertThat(plan("recovery").status()).isEqualTo(Status.COMPLETE);
        assertThat(task("cockroachdb-1-node-join").getAgentId()).as("relaunched in place")
                .isEqualTo(before.getAgentId());
    }

    @Test
    void aNodeWhoseAgentIsPartitionedIsReplacedOnceAfterTheTimeout() throws Exception {
        deploy(Map.of("REPLACE_AFTER_SECONDS", "2"));
        TaskInfo before = task("cockroachdb-1-node-join");
        Set<String> othersBefore = Set.of(task("cockroachdb-0-node-init").getTaskId().getValue(),
                task("cockroachdb-2-node-join").getTaskId().getValue());

        emulator.faults().partitionAgent(agentIndex(before.getAgentId().getValue()));

        await().atMost(WAIT).until(() -> recoveryStep("cockroachdb-1").map(Step::message).orElse("")
                .contains("replaced automatically in"));
        await().atMost(WAIT).until(() -> up("cockroachdb-1-node-join")
                && !task("cockroachdb-1-node-join").getAgentId().equals(before.getAgentId()));
        assertThat(Set.of(task("cockroachdb-0-node-init").getTaskId().getValue(),
                task("cockroachdb-2-node-join").getTaskId().getValue())).as("the other nodes untouched")
                .isEqualTo(othersBefore);
        await().atMost(WAIT).until(() -> plan("recovery").phases().isEmpty() && plan("deploy").status() == Status.COMPLETE);
        // once: the replaced pod stays where it went, whatever the old agent does later
        String landed = task("cockroachdb-1-node-join").getTaskId().getValue();
        emulator.faults().healAgent(agentIndex(before.getAgentId().getValue()));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> task("cockroachdb-1-node-join").getTaskId().getValue().equals(landed));
        assertThat(scheduler.service.store().property(SchedulerLoop.REPLACING_PROPERTY_PREFIX
                + "cockroachdb-1-node-join")).isEmpty();
    }

    @Test
    void withTwoAgentsLostNeitherIsReplacedUntilOneComesBackThenOnlyTheOther() throws Exception {
        deploy(Map.of("REPLACE_AFTER_SECONDS", "2"));
        TaskInfo one = task("cockroachdb-1-node-join");
        TaskInfo two = task("cockroachdb-2-node-join");

        emulator.faults().partitionAgent(agentIndex(one.getAgentId().getValue()));
        emulator.faults().partitionAgent(agentIndex(two.getAgentId().getValue()));

        await().atMost(WAIT).until(() -> recoveryStep("cockroachdb-1").map(Step::message).orElse("")
                .contains("automatic replace held") && recoveryStep("cockroachdb-2").map(Step::message).orElse("")
                .contains("automatic replace held"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                task("cockroachdb-1-node-join").getTaskId().equals(one.getTaskId())
                        && task("cockroachdb-2-node-join").getTaskId().equals(two.getTaskId()));

        emulator.faults().healAgent(agentIndex(two.getAgentId().getValue()));

        await().atMost(WAIT).until(() -> up("cockroachdb-1-node-join") && up("cockroachdb-2-node-join")
                && !task("cockroachdb-1-node-join").getAgentId().equals(one.getAgentId()));
        assertThat(task("cockroachdb-2-node-join").getTaskId()).as("the node whose agent came back stays")
                .isEqualTo(two.getTaskId());
        List<String> agents = List.of("cockroachdb-0-node-init", "cockroachdb-1-node-join", "cockroachdb-2-node-join")
                .stream().map(n -> task(n).getAgentId().getValue()).toList();
        assertThat(agents.stream().collect(Collectors.toSet())).hasSize(3);
    }

    @Test
    void withoutTheSettingALostNodeWaitsForTheOperator() throws Exception {
        deploy(Map.of());
        TaskInfo before = task("cockroachdb-1-node-join");

        emulator.faults().partitionAgent(agentIndex(before.getAgentId().getValue()));

        await().atMost(WAIT).until(() -> recoveryStep("cockroachdb-1").map(Step::message).orElse("")
                .matches("waiting for agent .* \\(unreachable since .*\\); waiting; `pod replace` to move it"));
        assertThat(plan("deploy").status()).isEqualTo(Status.COMPLETE);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> task("cockroachdb-1-node-join").getTaskId().equals(before.getTaskId()));
        assertThat(scheduler.service.store().property(Recoveries.LOST_SINCE_PREFIX + "cockroachdb-1-node-join"))
                .isPresent();

        emulator.faults().healAgent(agentIndex(before.getAgentId().getValue()));
        await().atMost(WAIT).until(() -> plan("recovery").phases().isEmpty());
        assertThat(task("cockroachdb-1-node-join").getTaskId()).isEqualTo(before.getTaskId());
        assertThat(scheduler.service.store().property(Recoveries.LOST_SINCE_PREFIX + "cockroachdb-1-node-join"))
                .isEmpty();
    }
}
