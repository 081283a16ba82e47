package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.cockroachdb.mesos.local.ApiReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raising NODE_COUNT adds nodes that join the running cluster one at a time and serve its data;
 * lowering it decommissions the highest node before its task and reservations go, with the data
 * kept; shrinking below three nodes is refused and touches nothing.
 */
class ScaleUpTest {
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("scale", 5, 3, Map.of());
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void threeToFiveJoinsOneAtATimeFiveToFourDecommissionsAndAShrinkBelowThreeIsRefused() throws Exception {
        String first = cluster.pgAddressOn(cluster.api().allTasks().get(0).agentId());
        Sql.execute(first, "CREATE TABLE grown (id INT PRIMARY KEY)", "INSERT INTO grown VALUES (7), (8)");

        assertThat(cluster.stopAndRestartScheduler(Map.of("NODE_COUNT", "5"))).isZero();

        AtomicInteger mostJoining = new AtomicInteger();
        cluster.await().alias("five nodes running and the plan complete").until(() -> {
            List<TaskSnapshot> tasks = cluster.api().allTasks();
            long joining = tasks.stream().filter(t -> t.name().matches("cockroachdb-[34]-node-join"))
                    .filter(t -> !(t.running() && "passed".equals(t.statusLabels().get("readiness")))).count();
            mostJoining.accumulateAndGet((int) joining, Math::max);
            ApiReply plan = cluster.api().plan("deploy");
            return plan.status() == 200 && tasks.size() == 5;
        });
        assertThat(mostJoining.get()).as("new nodes starting at once").isLessThanOrEqualTo(1);
        for (TaskSnapshot t : cluster.api().allTasks()) {
            assertThat(Sql.column(cluster.pgAddressOn(t.agentId()), "SELECT id FROM grown ORDER BY id"))
                    .as("rows through %s", t.name()).containsExactly("7", "8");
        }

        // 5 -> 4: the highest pod is decommissioned, then killed, forgotten and its reservations released.
        TaskSnapshot removed = cluster.api().allTasks().stream().filter(t -> t.name().equals("cockroachdb-4-node-join"))
                .findFirst().orElseThrow();
        long removedNode = Sql.nodeId(cluster.pgAddressOn(removed.agentId()));
        assertThat(cluster.stopAndRestartScheduler(Map.of("NODE_COUNT", "4", "HEALTH_GATE_SETTLE_SECONDS", "3")))
                .isZero();
        cluster.await().alias("the decommission plan complete").until(() -> cluster.api().plan("decommission"),
                r -> r.status() == 200 && r.json().path("phases").size() == 1);
        cluster.awaitDeployComplete();
        List<TaskSnapshot> four = cluster.api().allTasks();
        assertThat(four).extracting(TaskSnapshot::name).doesNotContain("cockroachdb-4-node-join").hasSize(4);
        for (TaskSnapshot t : four) {
            assertThat(Sql.column(cluster.pgAddressOn(t.agentId()), "SELECT id FROM grown ORDER BY id"))
                    .as("rows through %s after the decommission", t.name()).containsExactly("7", "8");
        }
        assertThat(NodeMembership.of(cluster.pgAddressOn(four.get(0).agentId()), removedNode))
                .isEqualTo("decommissioned");
        if (cluster.local().hasEmulator()) {
            cluster.await().alias("no reservation or volume left on the removed pod's agent").until(() ->
                    cluster.local().emulator().state().agents().stream().filter(a -> a.id().equals(removed.agentId()))
                            .allMatch(a -> a.reservations().isEmpty() && a.volumes().isEmpty()));
        }

        List<String> ids = cluster.api().allTasks().stream().map(TaskSnapshot::taskId).sorted().toList();
        assertThat(cluster.stopAndRestartScheduler(Map.of("NODE_COUNT", "2", "HEALTH_GATE_SETTLE_SECONDS", "3"))).isZero();
        ApiReply refused = cluster.awaitPlan("deploy", 417);
        assertThat(refused.json().path("errors").toString()).contains("NODE_COUNT cannot change from 4 to 2");
        assertThat(cluster.api().allTasks().stream().map(TaskSnapshot::taskId).sorted().toList()).isEqualTo(ids);
    }
}
