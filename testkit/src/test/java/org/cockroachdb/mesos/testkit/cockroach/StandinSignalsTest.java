package org.cockroachdb.mesos.testkit.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signals: SIGTERM drains, a second SIGTERM is ignored, SIGINT during a drain is a hard stop, SIGHUP reloads. */
class StandinSignalsTest {
    @TempDir
    Path dir;

    private StandinCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private StandinCluster oneNode(String drain) throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11").env("COCKROACH_STANDIN_DRAIN", drain);
        cluster.startAndInit(1);
        return cluster;
    }

    @Test
    void sigtermDrainsReadinessFirstThenExitsZero() throws Exception {
        StandinCluster c = oneNode("2s");
        StandinCluster.Node n = c.node(0);

        c.signal(n, "TERM");

        await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(n, "/health?ready=1") == 503);
        assertThat(n.process.isAlive()).isTrue(); // still draining
        assertThat(n.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(n.process.exitValue()).isZero();
        String out = n.output();
        assertThat(out).contains("initiating graceful shutdown of server");
        assertThat(out.indexOf("server drained and shutdown completed")).isGreaterThan(out.indexOf("initiating graceful"));
    }

    @Test
    void aSecondSigtermIsIgnored() throws Exception {
        StandinCluster c = oneNode("2s");
        StandinCluster.Node n = c.node(0);

        c.signal(n, "TERM");
        await().atMost(StandinCluster.WAIT).until(() -> n.output().contains("initiating graceful shutdown"));
        c.signal(n, "TERM");

        assertThat(n.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(n.process.exitValue()).isZero();
        assertThat(n.output()).contains("received additional signal \"terminated\"; continuing graceful shutdown")
                .contains("server drained and shutdown completed");
    }

    @Test
    void sigintDuringADrainIsAHardStop() throws Exception {
        StandinCluster c = oneNode("20s");
        StandinCluster.Node n = c.node(0);

        c.signal(n, "TERM");
        await().atMost(StandinCluster.WAIT).until(() -> n.output().contains("initiating graceful shutdown"));
        c.signal(n, "INT");

        assertThat(n.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(n.process.exitValue()).isEqualTo(128 + 2); // died of SIGINT, as Go re-raises it
        assertThat(n.output()).doesNotContain("server drained and shutdown completed");
    }

    @Test
    void sighupTriggersACertificateReloadAndTheNodeKeepsRunning() throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11");
        StandinCluster c = cluster;
        StandinCluster.Node n = c.addNode();
        c.start(n, "--logtostderr=INFO");
        c.init(n);
        await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(n, "/health?ready=1") == 200);

        c.signal(n, "HUP");

        await().atMost(StandinCluster.WAIT).until(() -> n.errors().contains("received signal \"hangup\", triggering certificate reload"));
        assertThat(n.process.isAlive()).isTrue();
        assertThat(c.httpStatus(n, "/health?ready=1")).isEqualTo(200);
    }

    @Test
    void aSignalBeforeInitIsAHardShutdown() throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11");
        StandinCluster c = cluster;
        StandinCluster.Node n = c.addNode();
        c.start(n);
        await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(n, "/health") == 200);

        c.signal(n, "TERM");

        assertThat(n.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(n.process.exitValue()).isNotZero();
        assertThat(n.output()).contains("too early to drain; used hard shutdown instead");
    }

    @Test
    void nodeDrainStopsReadinessButKeepsTheProcess() throws Exception {
        StandinCluster c = oneNode("300ms");
        StandinCluster.Node n = c.node(0);

        StandinCluster.Result noTarget = c.cli("node", "drain", "--insecure", "--host=" + n.rpcAddress());
        assertThat(noTarget.exitCode()).isEqualTo(1);
        assertThat(noTarget.err()).contains("use --self");

        StandinCluster.Result r = c.cli("node", "drain", "--self", "--insecure", "--host=" + n.rpcAddress());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok");
        assertThat(c.httpStatus(n, "/health?ready=1")).isEqualTo(503);
        assertThat(n.process.isAlive()).isTrue();
    }

    @Test
    void quitOnV21DrainsAndStopsTheNode() throws Exception {
        cluster = new StandinCluster(dir, "v2.1.4");
        StandinCluster c = cluster;
        c.startAndInit(1);
        StandinCluster.Node n = c.node(0);

        StandinCluster.Result r = c.cli("quit", "--insecure", "--host=" + n.rpcAddress());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(n.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(n.process.exitValue()).isZero();
    }
}
