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
 * Trials of "the scheduler SIGKILLed at a random moment of a rolling update": each trial starts a
 * CPU change, kills the scheduler after a seeded number of observed changes, starts a new one and
 * checks that it converges with no duplicate task, no leaked reservation or volume, the same nodes
 * (no second bootstrap) and the data kept. The test runs a few; the soak runner runs many.
 */
final class UpdateCrashTrials {
    /** What one trial did: where it struck and how long the new scheduler took to converge. */
    record Outcome(int trial, int killAfterChanges, Duration converge) {}

    private static final String SETTLE = "1";
    private final E2eCluster cluster;
    private final int nodes;
    private final Random random;
    private String address;
    private Set<Long> nodeIds;
    private String frameworkId;

    UpdateCrashTrials(E2eCluster cluster, int nodes, long seed) {
        this.cluster = cluster;
        this.nodes = nodes;
        this.random = new Random(seed);
    }

    /** The env a cluster for these trials starts with. */
    static Map<String, String> env() {
        return Map.of("HEALTH_GATE_SETTLE_SECONDS", SETTLE);
    }

    /** Writes the rows that must survive and notes the cluster's identity; once, before the trials. */
    void prepare() throws Exception {
        cluster.requireEmulator("counts the emulator's tasks, reservations and volumes");
        address = cluster.pgAddressOn(cluster.api().allTasks().get(0).agentId());
        Sql.execute(address, "CREATE TABLE survives (id INT PRIMARY KEY)", "INSERT INTO survives VALUES (1), (2)");
        nodeIds = nodeIds();
        frameworkId = cluster.api().frameworkId();
    }

    /** One trial; an AssertionError says what did not converge. */
    Outcome run(int trial) throws Exception {
        // alternate between two values so any number of trials keeps changing the target
        String cpus = trial % 2 == 1 ? "0.6" : "0.5";
        Map<String, String> env = new HashMap<>(env());
        env.put("NODE_CPUS", cpus);
        int killAfterChanges = 1 + random.nextInt(8);
        assertThat(cluster.stopAndRestartScheduler(env)).isZero();

        Set<String> shapes = new HashSet<>();
        cluster.await().alias("trial " + trial + ": " + killAfterChanges + " changes into the update").until(() -> {
            shapes.add(shape());
            return shapes.size() > killAfterChanges || updated(cpus);
        });
        cluster.crashAndRestartScheduler(env);
        Instant restarted = Instant.now();

        cluster.await().alias("trial " + trial + ": converged on " + cpus + " cpus")
                .until(() -> cluster.api().plan("deploy").status() == 200 && updated(cpus));
        Duration converge = Duration.between(restarted, Instant.now());
        assertThat(cluster.api().frameworkId()).isEqualTo(frameworkId);
        assertThat(cluster.runningTasksInEmulator(frameworkId)).as("trial %d: running tasks", trial).hasSize(nodes);
        cluster.await().alias("trial " + trial + ": no leaked reservation or volume").untilAsserted(() -> {
            assertThat(cluster.local().emulator().state().volumes()).hasSize(nodes);
            assertThat(cluster.local().emulator().state().reservations()).hasSize(nodes * 6);
        });
        assertThat(nodeIds()).as("trial %d: the same nodes of the one cluster", trial).isEqualTo(nodeIds);
        assertThat(Sql.column(address, "SELECT id FROM survives ORDER BY id")).containsExactly("1", "2");
        return new Outcome(trial, killAfterChanges, converge);
    }

    /** Every node's task id and state: what changes as the update goes. */
    private String shape() {
        return cluster.api().allTasks().stream().map(t -> t.taskId() + "=" + t.state()).sorted()
                .collect(Collectors.joining(","));
    }

    private boolean updated(String cpus) {
        List<Double> values = cluster.api().reservedCpus(nodes);
        return values.size() == nodes && values.stream().allMatch(v -> Math.abs(v - Double.parseDouble(cpus)) < 1e-9)
                && cluster.api().allTasks().stream().allMatch(TaskSnapshot::running);
    }

    private Set<Long> nodeIds() throws Exception {
        Set<Long> ids = new HashSet<>();
        for (TaskSnapshot t : cluster.api().allTasks()) {
            ids.add(Sql.nodeId(cluster.pgAddressOn(t.agentId())));
        }
        return ids;
    }
}
