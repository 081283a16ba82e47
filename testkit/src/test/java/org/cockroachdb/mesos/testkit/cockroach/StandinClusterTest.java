package org.cockroachdb.mesos.testkit.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stand-in cluster on loopback behaves as an orchestrator must expect: bootstrap once, readiness,
 * quorum, under-replication after membership changes, identity in the store, decommission.
 */
class StandinClusterTest {
    @TempDir
    Path dir;

    private StandinCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private StandinCluster cluster() {
        cluster = new StandinCluster(dir, "v23.1.11");
        return cluster;
    }

    /** {@code node status --format=csv} parsed by header name, keyed by node id. */
    private Map<String, Map<String, String>> status(StandinCluster c, StandinCluster.Node via, String... flags) throws Exception {
        String[] args = concat(new String[] {"node", "status", "--insecure", "--host=" + via.rpcAddress(), "--format=csv"}, flags);
        StandinCluster.Result r = c.cli(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        return lines.stream().skip(1).map(l -> l.split(",", -1)).collect(Collectors.toMap(v -> v[0],
                v -> header.stream().collect(Collectors.toMap(Function.identity(), h -> v[header.indexOf(h)]))));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void beforeInitTheNodeIsAliveButNotReady() throws Exception {
        StandinCluster c = cluster();
        StandinCluster.Node n = c.addNode();
        c.start(n);

        await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(n, "/health") == 200);
        assertThat(c.httpStatus(n, "/health?ready=1")).isEqualTo(503);
        assertThat(c.httpStatus(n, "/_admin/v1/health")).isEqualTo(503);
        // the log is written by the node's own thread, which may trail the HTTP server by a moment
        await().atMost(StandinCluster.WAIT).untilAsserted(() -> assertThat(n.store.resolve("logs/cockroach.log"))
                .exists().content().contains("awaiting `cockroach init` or join with an already initialized node"));
    }

    @Test
    void initBootstrapsOnceAndEveryNodeJoinsTheSameCluster() throws Exception {
        StandinCluster c = cluster();
        c.startAndInit(3);

        StandinCluster.Result again = c.init(c.node(1));

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("ERROR: cluster has already been initialized with ID ");
        String clusterId = line(c.node(0).output(), "clusterID:");
        assertThat(again.err()).contains(clusterId);
        assertThat(c.node(0).output()).contains("status:              initialized new cluster");
        for (int i = 1; i < 3; i++) {
            int node = i;
            await().atMost(StandinCluster.WAIT).until(() -> c.node(node).output().contains("nodeID:"));
            assertThat(c.node(i).output()).contains("status:              initialized new node, joined pre-existing cluster");
            assertThat(line(c.node(i).output(), "clusterID:")).isEqualTo(clusterId);
        }
        assertThat(status(c, c.node(2)).keySet()).containsExactlyInAnyOrder("1", "2", "3");
    }

    private static String line(String output, String key) {
        return output.lines().filter(l -> l.startsWith(key)).findFirst().orElseThrow().substring(key.length()).trim();
    }

    @Test
    void oneNodeDownLeavesQuorumTwoDownLosesItAndRestartsRecover() throws Exception {
        StandinCluster c = cluster();
        c.startAndInit(3);
        await().atMost(StandinCluster.WAIT).until(() -> c.metric(c.node(0), "ranges_underreplicated") == 0);

        c.kill(c.node(2));
        await().atMost(StandinCluster.WAIT).until(() -> c.metric(c.node(0), "liveness_livenodes") == 2);
        assertThat(c.httpStatus(c.node(0), "/health?ready=1")).isEqualTo(200);
        assertThat(c.metric(c.node(0), "ranges_underreplicated") + c.metric(c.node(1), "ranges_underreplicated")).isPositive();
        assertThat(c.metric(c.node(0), "ranges_unavailable")).isZero();

        c.signal(c.node(1), "TERM");
        await().atMost(StandinCluster.WAIT).until(() -> !c.node(1).process.isAlive());
        await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(c.node(0), "/health?ready=1") == 503);
        assertThat(c.metric(c.node(0), "ranges_unavailable")).isPositive();
        assertThat(c.httpStatus(c.node(0), "/health")).isEqualTo(200); // alive, just not ready

        c.start(c.node(1));
        c.start(c.node(2));
        for (StandinCluster.Node n : c.nodes()) {
            await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(n, "/health?ready=1") == 200);
        }
        assertThat(c.node(1).output()).contains("status:              restarted pre-existing node");
        await().atMost(StandinCluster.WAIT).until(() -> c.metric(c.node(0), "ranges_underreplicated") == 0
                && c.metric(c.node(1), "ranges_underreplicated") == 0 && c.metric(c.node(2), "ranges_underreplicated") == 0);
    }

    @Test
    void rangesAreUnderReplicatedForTheSettleTimeAfterANodeComesBack() throws Exception {
        StandinCluster c = cluster().env("COCKROACH_STANDIN_SETTLE", "3s");
        c.startAndInit(3);
        await().atMost(StandinCluster.WAIT).until(() -> c.metric(c.node(0), "ranges_underreplicated") == 0);

        c.kill(c.node(2));
        c.start(c.node(2));
        await().atMost(StandinCluster.WAIT).until(() -> c.node(2).output().contains("restarted pre-existing node"));

        long total = 0;
        for (StandinCluster.Node n : c.nodes()) {
            total += c.metric(n, "ranges_underreplicated");
        }
        assertThat(total).isPositive();
        await().atMost(StandinCluster.WAIT).until(() -> c.metric(c.node(0), "ranges_underreplicated") == 0
                && c.metric(c.node(1), "ranges_underreplicated") == 0 && c.metric(c.node(2), "ranges_underreplicated") == 0);
    }

    @Test
    void aWipedStoreRejoinsAsANewNodeAndTheOldIdStaysDeadUntilDecommissioned() throws Exception {
        StandinCluster c = cluster();
        c.startAndInit(3);
        StandinCluster.Node victim = c.node(2);
        String oldId = line(victim.output(), "nodeID:");

        c.kill(victim);
        c.wipe(victim);
        c.start(victim);
        await().atMost(StandinCluster.WAIT).until(() -> victim.output().contains("nodeID:"));

        String newId = line(victim.output(), "nodeID:");
        assertThat(victim.output()).contains("initialized new node, joined pre-existing cluster");
        assertThat(newId).isNotEqualTo(oldId);
        await().atMost(StandinCluster.WAIT).until(() -> status(c, c.node(0)).get(oldId).get("is_live").equals("false"));

        StandinCluster.Result d = c.cli("node", "decommission", oldId, "--insecure", "--host=" + c.node(0).rpcAddress(),
                "--format=csv");
        assertThat(d.exitCode()).as(d.err()).isZero();
        assertThat(d.out()).contains("No more data reported on target nodes. Please verify cluster health before removing the nodes.");
        assertThat(status(c, c.node(0))).doesNotContainKey(oldId); // decommissioned and offline: hidden
        assertThat(status(c, c.node(0), oldId, "--decommission").get(oldId).get("membership")).isEqualTo("decommissioned");
    }

    @Test
    void decommissionMovesReplicasAwayOverTimeWhenEnoughNodesRemain() throws Exception {
        StandinCluster c = cluster().env("COCKROACH_STANDIN_REPLICA_MOVE_RATE", "15");
        c.startAndInit(4);
        StandinCluster.Node leaving = c.node(3);
        await().atMost(StandinCluster.WAIT).until(() -> leaving.output().contains("nodeID:"));
        String id = line(leaving.output(), "nodeID:"); // ids follow join order, not start order

        StandinCluster.Result start = c.cli("node", "decommission", id, "--wait=none", "--insecure",
                "--host=" + c.node(0).rpcAddress(), "--format=csv");
        assertThat(start.exitCode()).as(start.err()).isZero();
        int first = Integer.parseInt(status(c, c.node(0), "--decommission").get(id).get("gossiped_replicas"));
        assertThat(status(c, c.node(0), "--decommission").get(id).get("membership")).isEqualTo("decommissioning");
        await().atMost(StandinCluster.WAIT).until(() -> {
            int now = Integer.parseInt(status(c, c.node(0), "--decommission").get(id).get("gossiped_replicas"));
            return now > 0 && now < first;
        });
        assertThat(c.httpStatus(leaving, "/health?ready=1")).isEqualTo(503); // decommissioning: not ready

        StandinCluster.Result finish = c.cli("node", "decommission", id, "--insecure", "--host=" + c.node(0).rpcAddress(),
                "--format=csv");
        assertThat(finish.exitCode()).as(finish.err()).isZero();
        assertThat(status(c, c.node(0), id, "--decommission").get(id))
                .containsEntry("gossiped_replicas", "0").containsEntry("membership", "decommissioned");
    }

    @Test
    void decommissionCannotFinishWhenTooFewNodesWouldRemain() throws Exception {
        StandinCluster c = cluster();
        c.startAndInit(3);

        c.cli("node", "decommission", "3", "--wait=none", "--insecure", "--host=" + c.node(0).rpcAddress());
        int before = Integer.parseInt(status(c, c.node(0), "--decommission").get("3").get("gossiped_replicas"));
        // replicas would leave at 60/s if they could: the count must hold still throughout
        await().during(java.time.Duration.ofSeconds(2)).atMost(StandinCluster.WAIT).until(() -> {
            Map<String, String> row = status(c, c.node(0), "--decommission").get("3");
            return Integer.parseInt(row.get("gossiped_replicas")) == before && row.get("membership").equals("decommissioning");
        });
    }

    @Test
    void nodeStatusColumnsDifferByRelease() throws Exception {
        cluster = new StandinCluster(dir, "v2.1.4");
        StandinCluster c = cluster;
        c.startAndInit(1);

        StandinCluster.Result r = c.cli("node", "status", "--insecure", "--host=" + c.node(0).rpcAddress(), "--format=csv",
                "--decommission");

        String header = r.out().lines().findFirst().orElseThrow();
        assertThat(header).isEqualTo("id,address,build,started_at,updated_at,is_available,is_live,gossiped_replicas,"
                + "is_decommissioning,is_draining");
        assertThat(c.cli("node", "status", "--insecure", "--host=" + c.node(0).rpcAddress(), "--timeout=5s").err())
                .contains("unknown flag: --timeout");
    }

    @Test
    void pidAndListeningUrlFilesAreWrittenOnceTheNodeServes() throws Exception {
        StandinCluster c = cluster();
        StandinCluster.Node n = c.addNode();
        Path pid = dir.resolve("node.pid");
        Path url = dir.resolve("node.url");
        c.start(n, "--pid-file=" + pid, "--listening-url-file=" + url);
        await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(n, "/health") == 200);
        assertThat(pid).doesNotExist(); // not before init: the files are a readiness signal

        c.init(n);

        await().atMost(StandinCluster.WAIT).until(() -> Files.exists(url));
        assertThat(Files.readString(pid).trim()).isEqualTo(String.valueOf(n.process.pid()));
        assertThat(Files.readString(url)).startsWith("postgresql://root@127.0.0.1:" + n.rpcPort + "/defaultdb");
    }
}
