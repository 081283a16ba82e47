package org.cockroachdb.mesos.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.cockroachdb.mesos.local.ApiReply;
import org.cockroachdb.mesos.local.LocalCluster;
import org.cockroachdb.mesos.testkit.emulator.EmulatorState;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;

/**
 * One local cluster for a suite: {@link LocalCluster} with test timings, a real master when
 * {@code MESOS_MASTER} is set and a real cockroach when {@code COCKROACH_BINARY} is set, its work
 * dir under {@code target/e2e/} (kept, with the scheduler log, for a failed run), and the waits
 * and emulator queries the suites share.
 */
final class E2eCluster implements AutoCloseable {
    /** Generous: a deploy starts a JVM per executor and per node on a 2-core machine. */
    static final Duration WAIT = Duration.ofMinutes(3);
    static final Duration POLL = Duration.ofMillis(300);
    static final int PG_PORT = LocalCluster.DEFAULT_PG_PORT;

    private final LocalCluster local;
    private final ApiClient api;

    private E2eCluster(LocalCluster local) {
        this.local = local;
        this.api = new ApiClient(local.apiUri());
    }

    /** Starts a cluster of {@code agents} agents and {@code nodes} nodes, named for the suite. */
    static E2eCluster start(String suite, int agents, int nodes, Map<String, String> env) throws Exception {
        return new E2eCluster(builder(suite, agents, nodes, env).start());
    }

    /** The builder {@link #start} uses, for suites that need to change more. */
    static LocalCluster.Builder builder(String suite, int agents, int nodes, Map<String, String> env) throws Exception {
        Path dir = Path.of("target", "e2e",
                suite + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"))).toAbsolutePath();
        Files.createDirectories(dir);
        LocalCluster.Builder b = LocalCluster.builder().agents(agents).nodes(nodes).workDir(dir).fast()
                .honour(System.getenv()).env(env);
        if (realMaster()) {
            // a real master outlives this run: frameworks of different suites must not meet
            b.env("FRAMEWORK_NAME", "e2e-" + suite.toLowerCase().replaceAll("[^a-z0-9]", ""));
        }
        return b;
    }

    /** Wraps a cluster a suite started itself. */
    static E2eCluster of(LocalCluster local) {
        return new E2eCluster(local);
    }

    static boolean realMaster() {
        String m = System.getenv("MESOS_MASTER");
        return m != null && !m.isBlank();
    }

    LocalCluster local() {
        return local;
    }

    ApiClient api() {
        return api;
    }

    /** Skips the calling test (with the reason) when the agents are not the emulator's. */
    MesosEmulator requireEmulator(String why) {
        assumeTrue(local.hasEmulator(), "needs the Mesos emulator (" + why + "); MESOS_MASTER points at a real master");
        return local.emulator();
    }

    /**
     * Awaitility with the suites' timeout and poll interval; a refused connection (scheduler
     * restarting) counts as "not yet", and a scheduler that exits ends the wait with its log.
     */
    ConditionFactory await() {
        return Awaitility.await().atMost(WAIT).pollInterval(POLL).pollDelay(Duration.ZERO)
                .ignoreExceptionsInstanceOf(java.io.UncheckedIOException.class)
                .failFast("the scheduler exited; its log: " + local.schedulerLog(), () -> !local.schedulerRunning());
    }

    /**
     * Waits until {@code GET /v1/plans/deploy} and then {@code /v1/plans/recovery} answer 200 (deployed,
     * and no restarted, failed or replaced node still on its way back); a failure shows the scheduler log.
     */
    ApiReply awaitDeployComplete() {
        ApiReply deploy = awaitPlan("deploy", 200);
        awaitPlan("recovery", 200);
        return deploy;
    }

    /** Waits until {@code GET /v1/plans/<plan>} answers {@code status}; a failure shows the scheduler log. */
    ApiReply awaitPlan(String plan, int status) {
        try {
            return await().alias("GET /v1/plans/" + plan + " answers " + status)
                    .until(() -> api.plan(plan), r -> r.status() == status);
        } catch (ConditionTimeoutException | TerminalFailureException | AssertionError e) {
            String last;
            try {
                last = api.plan(plan).body();
            } catch (RuntimeException unreachable) {
                last = unreachable.getMessage();
            }
            throw new AssertionError(e.getMessage() + "\nlast answer: " + last + "\nscheduler log (" + local.schedulerLog()
                    + "):\n" + logTail(), e);
        }
    }

    /** SIGKILLs the scheduler (a crash) and starts it again with {@code env} overrides. */
    void crashAndRestartScheduler(Map<String, String> env) throws Exception {
        local.killScheduler();
        local.startScheduler(env);
    }

    /** SIGTERMs the scheduler (exit 0 expected) and starts it again with {@code env} overrides. */
    int stopAndRestartScheduler(Map<String, String> env) throws Exception {
        int code = local.stopScheduler();
        local.startScheduler(env);
        return code;
    }

    /** Our framework's tasks in the emulator that the master considers running. */
    List<EmulatorState.TaskView> runningTasksInEmulator(String frameworkId) {
        return local.emulator().state().tasks().stream()
                .filter(t -> t.frameworkId().equals(frameworkId) && t.masterState().equals("TASK_RUNNING")).toList();
    }

    /** The emulator's agent whose id is {@code agentId}. */
    Optional<org.cockroachdb.mesos.testkit.emulator.cluster.Cluster.AgentAddress> agent(String agentId) {
        return local.emulator().agents().stream().filter(a -> a.id().equals(agentId)).findFirst();
    }

    /** The pg address of the node on {@code agentId} (nodes listen on their agent's IP). */
    String pgAddressOn(String agentId) {
        return agent(agentId).orElseThrow(() -> new AssertionError("no agent " + agentId)).hostname() + ":" + PG_PORT;
    }

    String logTail() {
        return local.schedulerLogTail(40);
    }

    @Override
    public void close() {
        local.close();
    }
}
