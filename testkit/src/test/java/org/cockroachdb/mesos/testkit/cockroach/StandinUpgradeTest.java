package org.cockroachdb.mesos.testkit.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Major upgrades as CockroachDB runs them (reference §8): nodes of the next major join a cluster
 * that keeps its version; with {@code cluster.preserve_downgrade_option} set the version stays until
 * the option is reset; without it the cluster finalizes once every live member runs the new binary,
 * but not while a member is dead; after finalization an older binary cannot start.
 */
class StandinUpgradeTest {
    private static final String OLD = "v22.2.15";
    private static final String NEW = "v23.1.11";

    @TempDir
    Path dir;

    private StandinCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private String sql(String statement) throws Exception {
        StandinCluster.Result r = cluster.cli("sql", "--insecure", "--host=" + cluster.node(0).rpcAddress(),
                "--format=tsv", "-e", statement);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r.out().strip().lines().reduce((a, b) -> b).orElse("");
    }

    /** Stops a node gracefully and starts it again on {@code release}. */
    private void restartOn(StandinCluster.Node n, String release) throws Exception {
        cluster.signal(n, "TERM");
        await().atMost(StandinCluster.WAIT).until(() -> !n.process.isAlive());
        cluster.env("COCKROACH_STANDIN_VERSION", release);
        cluster.start(n);
        await().atMost(StandinCluster.WAIT).until(() -> cluster.httpStatus(n, "/health?ready=1") == 200);
    }

    @Test
    void withTheDowngradeOptionSetTheVersionStaysUntilItIsReset() throws Exception {
        cluster = new StandinCluster(dir, OLD);
        cluster.startAndInit(3);
        assertThat(sql("SHOW CLUSTER SETTING version")).isEqualTo("22.2");
        assertThat(cluster.cli("sql", "--insecure", "--host=" + cluster.node(0).rpcAddress(), "-e",
                "SET CLUSTER SETTING cluster.preserve_downgrade_option = '23.1'").exitCode()).isNotZero();
        sql("SET CLUSTER SETTING cluster.preserve_downgrade_option = '22.2'");

        for (StandinCluster.Node n : cluster.nodes()) {
            restartOn(n, NEW);
            assertThat(sql("SHOW CLUSTER SETTING version")).as("mixed-version cluster").isEqualTo("22.2");
        }
        await().during(Duration.ofSeconds(2)).atMost(StandinCluster.WAIT)
                .until(() -> sql("SHOW CLUSTER SETTING version").equals("22.2"));
        assertThat(sql("SHOW CLUSTER SETTING cluster.preserve_downgrade_option")).isEqualTo("22.2");

        sql("RESET CLUSTER SETTING cluster.preserve_downgrade_option");
        await().atMost(StandinCluster.WAIT).until(() -> sql("SHOW CLUSTER SETTING version").equals("23.1"));

        cluster.signal(cluster.node(2), "TERM");
        await().atMost(StandinCluster.WAIT).until(() -> !cluster.node(2).process.isAlive());
        cluster.env("COCKROACH_STANDIN_VERSION", OLD);
        cluster.start(cluster.node(2));
        assertThat(cluster.node(2).process.waitFor()).isNotZero();
        assertThat(cluster.node(2).errors()).contains("older than the cluster version 23.1");
    }

    @Test
    void withoutTheOptionTheClusterFinalizesOnceEveryLiveMemberRunsTheNewBinaryButNotWhileOneIsDead()
            throws Exception {
        cluster = new StandinCluster(dir, OLD);
        cluster.startAndInit(3);
        restartOn(cluster.node(0), NEW);
        restartOn(cluster.node(1), NEW);
        cluster.kill(cluster.node(2));
        await().during(Duration.ofSeconds(3)).atMost(StandinCluster.WAIT)
                .until(() -> sql("SHOW CLUSTER SETTING version").equals("22.2"));

        cluster.env("COCKROACH_STANDIN_VERSION", NEW);
        cluster.start(cluster.node(2));
        await().atMost(StandinCluster.WAIT).until(() -> sql("SHOW CLUSTER SETTING version").equals("23.1"));
    }
}
