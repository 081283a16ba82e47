package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.cockroachdb.mesos.local.ApiReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code pod replace} moves a node to another agent with new reservations and an empty volume: it
 * joins the running cluster (never bootstraps a second one), the data stays readable, the node id
 * it had on the old agent is decommissioned, and the old reservations are released.
 */
class PodReplaceTest {
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("replace", 4, 3, Map.of());
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static TaskSnapshot task(String name) {
        return cluster.api().allTasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aReplacedNodeLandsElsewhereKeepsTheDataAndItsOldNodeIdIsDecommissioned() throws Exception {
        TaskSnapshot before = task("cockroachdb-1-node-join");
        String first = cluster.pgAddressOn(task("cockroachdb-0-node-init").agentId());
        Sql.execute(first, "CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (1), (2), (3)");
        long oldNode = Sql.nodeId(cluster.pgAddressOn(before.agentId()));

        ApiReply replaced = cluster.api().post("/v1/pod/cockroachdb-1/replace");
        assertThat(replaced.status()).isEqualTo(200);

        cluster.await().alias("cockroachdb-1 running and ready on another agent").until(() -> {
            TaskSnapshot now = task("cockroachdb-1-node-join");
            return !now.agentId().equals(before.agentId()) && now.running()
                    && "passed".equals(now.statusLabels().get("readiness"));
        });
        cluster.await().alias("the old node id decommissioned (replace plan complete)").until(
                () -> cluster.api().plan("replace"), r -> r.status() == 200 && r.json().path("phases").size() == 1);
        cluster.awaitDeployComplete();

        TaskSnapshot after = task("cockroachdb-1-node-join");
        assertThat(after.persistenceIds()).doesNotContainAnyElementsOf(before.persistenceIds());
        assertThat(Sql.nodeId(cluster.pgAddressOn(after.agentId()))).as("a new node id").isNotEqualTo(oldNode);
        for (TaskSnapshot t : cluster.api().allTasks()) {
            assertThat(Sql.column(cluster.pgAddressOn(t.agentId()), "SELECT id FROM kept ORDER BY id"))
                    .as("rows through %s", t.name()).containsExactly("1", "2", "3");
        }
        assertThat(NodeMembership.of(first, oldNode)).isEqualTo("decommissioned");
        if (cluster.local().hasEmulator()) {
            cluster.await().alias("no reservation or volume left on the old agent").until(() ->
                    cluster.local().emulator().state().agents().stream().filter(a -> a.id().equals(before.agentId()))
                            .allMatch(a -> a.reservations().isEmpty() && a.volumes().isEmpty()));
        }
    }
}
