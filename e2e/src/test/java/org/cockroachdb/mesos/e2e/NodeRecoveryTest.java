package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node's cockroach process dies, or an operator restarts its pod: the node comes back in place,
 * on the same agent with the same reservations and volume, with its data and its cockroach node id.
 */
class NodeRecoveryTest {
    private static final String POD = "cockroachdb-1";
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("recovery", 3, 3, Map.of());
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aKilledNodeIsRelaunchedInPlaceWithItsDataAndIdentity() throws Exception {
        cluster.requireEmulator("finds the node's process under its agent's work dir");
        TaskSnapshot before = single(cluster.api().tasksOf(POD));
        String address = cluster.pgAddressOn(before.agentId());
        Sql.execute(address, "CREATE TABLE survivors (id INT PRIMARY KEY, name STRING)",
                "INSERT INTO survivors VALUES (1, 'kept'), (2, 'also kept')");
        long nodeId = Sql.nodeId(address);
        Path agentDir = cluster.agent(before.agentId()).orElseThrow().workDir();
        List<ProcessHandle> processes = CockroachProcesses.onAgent(agentDir);
        assertThat(processes).as("cockroach start processes under %s", agentDir).hasSize(1);
        ProcessHandle killed = processes.get(0);

        killed.destroyForcibly();
        killed.onExit().get();

        TaskSnapshot after = cluster.await().alias(POD + " running again after its cockroach was killed")
                .until(() -> single(cluster.api().tasksOf(POD)),
                        t -> t.running() && (!t.taskId().equals(before.taskId()) || !t.statusUuid().equals(before.statusUuid()))
                                && CockroachProcesses.onAgent(agentDir).stream().anyMatch(p -> p.pid() != killed.pid()));
        assertThat(after.agentId()).as("agent").isEqualTo(before.agentId());
        assertThat(after.resourceIds()).as("reservation ids").isEqualTo(before.resourceIds());
        assertThat(after.persistenceIds()).as("volume").isEqualTo(before.persistenceIds());

        cluster.await().alias("SQL through the relaunched node").ignoreExceptions()
                .untilAsserted(() -> assertThat(Sql.column(address, "SELECT name FROM survivors ORDER BY id"))
                        .containsExactly("kept", "also kept"));
        assertThat(Sql.nodeId(address)).as("cockroach node id").isEqualTo(nodeId);
        cluster.awaitDeployComplete();
    }

    @Test
    void podRestartRelaunchesTheNodeInPlaceWithItsDataAndIdentity() throws Exception {
        String pod = "cockroachdb-2";
        cluster.awaitDeployComplete();
        TaskSnapshot before = single(cluster.api().tasksOf(pod));
        String address = cluster.pgAddressOn(before.agentId());
        Sql.execute(address, "CREATE TABLE restarted (id INT PRIMARY KEY)", "INSERT INTO restarted VALUES (7), (8)");
        long nodeId = Sql.nodeId(address);

        assertThat(cluster.api().post("/v1/pod/" + pod + "/restart").status()).isEqualTo(200);

        TaskSnapshot after = cluster.await().alias(pod + " running again after its restart")
                .until(() -> single(cluster.api().tasksOf(pod)), t -> t.running() && !t.taskId().equals(before.taskId()));
        assertThat(after.agentId()).as("agent").isEqualTo(before.agentId());
        assertThat(after.resourceIds()).as("reservation ids").isEqualTo(before.resourceIds());
        assertThat(after.persistenceIds()).as("volume").isEqualTo(before.persistenceIds());
        cluster.await().alias("SQL through the restarted node").ignoreExceptions()
                .untilAsserted(() -> assertThat(Sql.column(address, "SELECT id FROM restarted ORDER BY id"))
                        .containsExactly("7", "8"));
        assertThat(Sql.nodeId(address)).as("cockroach node id").isEqualTo(nodeId);
        cluster.awaitDeployComplete();
    }

    private static TaskSnapshot single(List<TaskSnapshot> tasks) {
        assertThat(tasks).as("tasks of " + POD).hasSize(1);
        return tasks.get(0);
    }
}
