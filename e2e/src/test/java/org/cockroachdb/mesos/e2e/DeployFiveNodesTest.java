package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Install with 5 nodes on 5 agents. */
class DeployFiveNodesTest {
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("deploy-5", 5, 5, Map.of());
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void fiveRunningNodesOnFiveDistinctAgents() {
        List<TaskSnapshot> tasks = cluster.api().allTasks();
        assertThat(tasks).hasSize(5).allMatch(TaskSnapshot::running);
        assertThat(tasks.stream().map(TaskSnapshot::agentId).collect(Collectors.toSet())).hasSize(5);
    }

    @Test
    void sqlWorksThroughEveryNode() throws Exception {
        List<String> addresses = cluster.api().addresses("pg");
        assertThat(addresses).hasSize(5).doesNotHaveDuplicates();
        Sql.execute(addresses.get(0), "CREATE TABLE deploy5 (id INT PRIMARY KEY)", "INSERT INTO deploy5 VALUES (5)");
        for (String address : addresses) {
            assertThat(Sql.column(address, "SELECT id FROM deploy5")).as("read through %s", address).containsExactly("5");
        }
        assertThat(addresses.stream().map(a -> {
            try {
                return Sql.nodeId(a);
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }).collect(Collectors.toSet())).as("node ids behind the five addresses").hasSize(5);
    }
}
