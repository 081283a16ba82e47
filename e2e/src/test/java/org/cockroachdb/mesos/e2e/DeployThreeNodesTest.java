package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cockroachdb.mesos.local.ApiReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Install with 3 nodes: the deploy plan completes, SQL works through every node, nodes are spread and reserved. */
class DeployThreeNodesTest {
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("deploy-3", 3, 3, Map.of());
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theDeployPlanIsCompleteWithEveryStepComplete() {
        ApiReply plan = cluster.api().plan("deploy");
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.json().path("status").asText()).isEqualTo("COMPLETE");
        assertThat(plan.json().path("errors")).isEmpty();
        List<String> steps = plan.json().findValues("steps").stream()
                .flatMap(s -> java.util.stream.StreamSupport.stream(s.spliterator(), false))
                .map(s -> s.path("status").asText()).toList();
        assertThat(steps).hasSizeGreaterThanOrEqualTo(3).allMatch("COMPLETE"::equals);
    }

    @Test
    void everyPgAddressServesTheSameData() throws Exception {
        List<String> addresses = cluster.api().addresses("pg");
        assertThat(addresses).hasSize(3).doesNotHaveDuplicates();
        String first = addresses.get(0);
        Sql.execute(first, "CREATE TABLE deploy3 (id INT PRIMARY KEY, name STRING)",
                "INSERT INTO deploy3 VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        for (String address : addresses) {
            assertThat(Sql.column(address, "SELECT name FROM deploy3 ORDER BY id")).as("read through %s", address)
                    .containsExactly("one", "two", "three");
        }
    }

    @Test
    void threeTasksOnThreeAgentsEachWithLabelledReservations() {
        List<String> pods = cluster.api().pods();
        assertThat(pods).containsExactlyInAnyOrder("cockroachdb-0", "cockroachdb-1", "cockroachdb-2");
        List<TaskSnapshot> tasks = pods.stream().flatMap(p -> cluster.api().tasksOf(p).stream()).toList();
        assertThat(tasks).hasSize(3).allMatch(TaskSnapshot::running);
        Set<String> agents = tasks.stream().map(TaskSnapshot::agentId).collect(Collectors.toSet());
        assertThat(agents).hasSize(3);
        for (TaskSnapshot t : tasks) {
            assertThat(t.unlabelled()).as("resources of %s without a resource_id label", t.name()).isEmpty();
            assertThat(t.resourceIds()).as("resource ids of %s", t.name()).isNotEmpty();
            assertThat(t.persistenceIds()).as("volumes of %s", t.name()).hasSize(1);
        }
        // reservations are per node: no id is shared between tasks
        assertThat(tasks.stream().mapToInt(t -> t.resourceIds().size()).sum())
                .isEqualTo(tasks.stream().flatMap(t -> t.resourceIds().stream()).collect(Collectors.toSet()).size());
    }
}
