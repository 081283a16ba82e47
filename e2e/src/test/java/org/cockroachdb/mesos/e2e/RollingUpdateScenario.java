package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.cockroachdb.mesos.local.ApiReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A CPU change rolls through the nodes one at a time, each relaunched in place (same agent,
 * reservations grown in place, same volume), the next one only after the cluster health gate
 * has passed; an application writing all along sees no error it could not retry, and every row
 * it was told was written is there. Run over 3 and over 5 nodes by its two subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RollingUpdateScenario {
    private static final Map<String, String> GATE = Map.of("HEALTH_GATE_SETTLE_SECONDS", "2");
    private final int nodes;
    private E2eCluster cluster;

    RollingUpdateScenario(int nodes) {
        this.nodes = nodes;
    }

    @BeforeAll
    void deploy() throws Exception {
        cluster = E2eCluster.start("rolling-update-" + nodes, nodes, nodes, GATE);
        cluster.awaitDeployComplete();
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aCpuChangeRollsOneNodeAtATimeBehindTheHealthGate() throws Exception {
        List<TaskSnapshot> before = cluster.api().allTasks();
        String address = cluster.pgAddressOn(before.get(0).agentId());
        Sql.execute(address, "CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (1), (2), (3)",
                "CREATE TABLE writes (id INT PRIMARY KEY)");
        InsertWorkload workload = new InsertWorkload(cluster.api().addresses("pg"), "writes").start();
        cluster.await().alias("the workload writes").until(() -> workload.acknowledged().size() >= 20);
        Map<String, String> agentByTask = before.stream().collect(Collectors.toMap(TaskSnapshot::name, TaskSnapshot::agentId));
        Map<String, Object> volumes = before.stream().collect(Collectors.toMap(TaskSnapshot::name, TaskSnapshot::persistenceIds));

        Map<String, String> env = new java.util.HashMap<>(GATE);
        env.put("NODE_CPUS", "0.6");
        assertThat(cluster.stopAndRestartScheduler(env)).isZero();

        AtomicInteger mostDown = new AtomicInteger();
        AtomicBoolean gateSeen = new AtomicBoolean();
        AtomicBoolean heldForRanges = new AtomicBoolean();
        cluster.await().alias("every node on 0.6 cpus and the plan complete").until(() -> {
            List<TaskSnapshot> tasks = cluster.api().allTasks();
            long down = nodes - tasks.stream().filter(TaskSnapshot::running).count();
            mostDown.accumulateAndGet((int) down, Math::max);
            ApiReply plan = cluster.api().plan("deploy");
            if (plan.body().contains("waiting for the cluster health gate")) {
                gateSeen.set(true);
                if (plan.body().contains("under-replicated ranges")) {
                    heldForRanges.set(true); // the next node waits for the ranges, not only for its turn
                }
            }
            return plan.status() == 200 && cluster.api().reservedCpus(nodes).stream().allMatch(c -> Math.abs(c - 0.6) < 1e-9);
        });

        int atEnd = workload.acknowledged().size();
        cluster.await().alias("the workload writes after the update")
                .until(() -> workload.acknowledged().size() > atEnd + 20);
        workload.close();
        assertThat(workload.nonRetryableErrors()).as("errors a client could not retry").isEmpty();
        List<String> stored = Sql.column(address, "SELECT id FROM writes");
        assertThat(stored).as("every acknowledged row is there")
                .containsAll(workload.acknowledged().stream().map(String::valueOf).toList());
        assertThat(mostDown.get()).as("nodes down at once, over the update").isLessThanOrEqualTo(1);
        assertThat(gateSeen.get()).as("a step waited for the health gate").isTrue();
        assertThat(heldForRanges.get()).as("the next step was held while ranges were under-replicated").isTrue();
        List<TaskSnapshot> after = cluster.api().allTasks();
        for (TaskSnapshot t : after) {
            assertThat(t.agentId()).as("agent of %s", t.name()).isEqualTo(agentByTask.get(t.name()));
            assertThat((Object) t.persistenceIds()).as("volume of %s", t.name()).isEqualTo(volumes.get(t.name()));
        }
        for (TaskSnapshot t : after) {
            assertThat(Sql.column(cluster.pgAddressOn(t.agentId()), "SELECT id FROM kept ORDER BY id"))
                    .containsExactly("1", "2", "3");
        }
    }
}
