package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trials of "the scheduler SIGKILLed at a random moment of a change": each trial starts the change
 * (a subclass says which), kills the scheduler after a seeded number of observed changes, starts a
 * new one and checks that it converges with no duplicate task, no leaked reservation or volume, the
 * one cluster's rows kept and the framework kept; the subclass checks what its change must leave
 * (the same nodes, no second bootstrap). The tests run a few; {@link CrashSoak} runs many.
 */
abstract class CrashTrials {
    /** What one trial did: where it struck and how long the new scheduler took to converge. */
    record Outcome(int trial, int killAfterChanges, Duration converge) {}

    /** Reservations one node's pod holds (its task's, its volume's and its executor's). */
    private static final int RESERVATIONS_PER_NODE = 6;
    protected final E2eCluster cluster;
    protected final int nodes;
    private final Random random;
    private String frameworkId;

    CrashTrials(E2eCluster cluster, int nodes, long seed) {
        this.cluster = cluster;
        this.nodes = nodes;
        this.random = new Random(seed);
    }

    /** Writes the rows that must survive and notes the framework; once, before the trials. */
    final void prepare() throws Exception {
        cluster.requireEmulator("counts the emulator's tasks, reservations and volumes");
        Sql.execute(anyAddress(), "CREATE TABLE survives (id INT PRIMARY KEY)", "INSERT INTO survives VALUES (1), (2)");
        frameworkId = cluster.api().frameworkId();
    }

    /** Starts trial {@code trial}'s change; @return the env the crashed scheduler restarts with */
    abstract Map<String, String> begin(int trial) throws Exception;

    /** Whether the change is done and the service settled. */
    abstract boolean converged() throws Exception;

    /** What the change must have left, beyond what every trial checks. */
    abstract void check(int trial) throws Exception;

    /** One trial; an AssertionError says what did not converge. */
    final Outcome run(int trial) throws Exception {
        int killAfterChanges = 1 + random.nextInt(8);
        Map<String, String> env = begin(trial);

        Set<String> shapes = new HashSet<>();
        cluster.await().alias("trial " + trial + ": " + killAfterChanges + " changes in").until(() -> {
            shapes.add(shape());
            return shapes.size() > killAfterChanges || converged();
        });
        cluster.crashAndRestartScheduler(env);
        Instant restarted = Instant.now();

        cluster.await().alias("trial " + trial + ": converged").until(this::converged);
        Duration converge = Duration.between(restarted, Instant.now());
        assertThat(cluster.api().frameworkId()).isEqualTo(frameworkId);
        assertThat(cluster.runningTasksInEmulator(frameworkId)).as("trial %d: running tasks (no duplicate)", trial)
                .hasSize(nodes);
        cluster.await().alias("trial " + trial + ": no leaked reservation or volume").untilAsserted(() -> {
            assertThat(cluster.local().emulator().state().volumes()).hasSize(nodes);
            assertThat(cluster.local().emulator().state().reservations()).hasSize(nodes * RESERVATIONS_PER_NODE);
        });
        check(trial);
        assertThat(Sql.column(anyAddress(), "SELECT id FROM survives ORDER BY id")).containsExactly("1", "2");
        return new Outcome(trial, killAfterChanges, converge);
    }

    /** Every node's task id and state: what changes as the change goes. */
    private String shape() {
        return cluster.api().allTasks().stream().map(t -> t.taskId() + "=" + t.state()).sorted()
                .collect(Collectors.joining(","));
    }

    /** The pg address of a node that runs now. */
    final String anyAddress() {
        return cluster.pgAddressOn(cluster.api().allTasks().stream().filter(TaskSnapshot::running).findFirst()
                .orElseThrow(() -> new AssertionError("no node runs")).agentId());
    }

    /** Each pod's cockroach node id, asked of the node itself. */
    final Map<String, Long> nodeIds() throws Exception {
        Map<String, Long> ids = new HashMap<>();
        List<TaskSnapshot> tasks = cluster.api().allTasks();
        for (TaskSnapshot t : tasks) {
            ids.put(t.name(), Sql.nodeId(cluster.pgAddressOn(t.agentId())));
        }
        return ids;
    }
}
