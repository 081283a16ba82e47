package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler SIGKILLed at a random moment of a rolling update, three times: each time the new
 * scheduler converges with no duplicate task, no leaked reservation or volume, the same nodes (no
 * second bootstrap: the node ids stay those of the one cluster) and the data kept. The moment is
 * chosen from a fixed seed, so a failure can be replayed; it is the k-th change the API shows.
 */
class SchedulerCrashDuringUpdateTest {
    private static final long SEED = 20261121L;
    private static final int TRIALS = 3;
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("crash-during-update", 3, 3, Map.of("HEALTH_GATE_SETTLE_SECONDS", "1"));
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSchedulerKilledMidUpdateAlwaysConverges() throws Exception {
        cluster.requireEmulator("counts the emulator's tasks, reservations and volumes");
        String address = cluster.pgAddressOn(cluster.api().allTasks().get(0).agentId());
        Sql.execute(address, "CREATE TABLE survives (id INT PRIMARY KEY)", "INSERT INTO survives VALUES (1), (2)");
        Set<Long> nodeIds = nodeIds();
        String frameworkId = cluster.api().frameworkId();
        Random random = new Random(SEED);

        for (int trial = 1; trial <= TRIALS; trial++) {
            String cpus = String.valueOf(0.5 + 0.1 * trial);
            Map<String, String> env = new HashMap<>(Map.of("HEALTH_GATE_SETTLE_SECONDS", "1", "NODE_CPUS", cpus));
            int killAfterChanges = 1 + random.nextInt(8);
            assertThat(cluster.stopAndRestartScheduler(env)).isZero();

            Set<String> shapes = new HashSet<>();
            cluster.await().alias("trial " + trial + ": " + killAfterChanges + " changes into the update").until(() -> {
                shapes.add(shape());
                return shapes.size() > killAfterChanges || updated(cpus);
            });
            cluster.crashAndRestartScheduler(env);

            cluster.await().alias("trial " + trial + ": converged on " + cpus + " cpus")
                    .until(() -> cluster.api().plan("deploy").status() == 200 && updated(cpus));
            assertThat(cluster.api().frameworkId()).isEqualTo(frameworkId);
            assertThat(cluster.runningTasksInEmulator(frameworkId)).as("trial %d: running tasks", trial).hasSize(3);
            cluster.await().alias("trial " + trial + ": no leaked reservation or volume").untilAsserted(() -> {
                assertThat(cluster.local().emulator().state().volumes()).hasSize(3);
                assertThat(cluster.local().emulator().state().reservations()).hasSize(3 * 6);
            });
            assertThat(nodeIds()).as("trial %d: the same nodes of the one cluster", trial).isEqualTo(nodeIds);
            assertThat(Sql.column(address, "SELECT id FROM survives ORDER BY id")).containsExactly("1", "2");
        }
    }

    /** Every node's task id and state: what changes as the update goes. */
    private static String shape() {
        return cluster.api().allTasks().stream().map(t -> t.taskId() + "=" + t.state()).sorted()
                .collect(Collectors.joining(","));
    }

    private static boolean updated(String cpus) {
        List<Double> values = cluster.api().reservedCpus(3);
        return values.size() == 3 && values.stream().allMatch(v -> Math.abs(v - Double.parseDouble(cpus)) < 1e-9)
                && cluster.api().allTasks().stream().allMatch(TaskSnapshot::running);
    }

    private static Set<Long> nodeIds() throws Exception {
        Set<Long> ids = new HashSet<>();
        for (TaskSnapshot t : cluster.api().allTasks()) {
            ids.add(Sql.nodeId(cluster.pgAddressOn(t.agentId())));
        }
        return ids;
    }
}
