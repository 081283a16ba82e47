package org.cockroachdb.mesos.http.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real ZooKeeper server, with contenders written the way Mesos masters write them. */
class ZooKeeperMasterDetectorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** A short tick lets the server accept the 1 s sessions the session-loss test needs. */
    private static final int TICK_MS = 100;
    private static final int ALL_PERMISSIONS = 0x1f; // read, write, create, delete, admin

    private TestingServer zookeeper;
    private CuratorFramework masters;
    private ZooKeeperMasterDetector detector;
    private final List<Optional<URI>> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MS, -1), true);
        masters = CuratorFrameworkFactory.builder()
                .connectString(zookeeper.getConnectString())
                .retryPolicy(new RetryOneTime(100))
                .zk34CompatibilityMode(true)
                .dontUseContainerParents()
                .build();
        masters.start();
        masters.blockUntilConnected();
    }

    @AfterEach
    void stopZooKeeper() throws Exception {
        if (detector != null) {
            detector.close();
        }
        masters.close();
        zookeeper.close();
    }

    @Test
    void leaderIsTheContenderWithTheLowestSequenceNumber() throws Exception {
        contend("m1", 5050);
        contend("m2", 5050);
        contend("m3", 5050);

        startDetector("/mesos");

        await().atMost(WAIT).until(() -> detector.leader().isPresent());
        assertThat(detector.leader()).contains(URI.create("http://m1:5050"));
    }

    @Test
    void leaderLeavingPromotesTheNextAndOnlyRealChangesAreSignalled() throws Exception {
        String first = contend("m1", 5050);
        startDetector("/mesos");
        await().atMost(WAIT).until(() -> changes.size() == 1);

        String second = contend("m2", 5051); // a new follower: the leader is unchanged, nothing to say
        String third = contend("m3", 5052);
        masters.delete().forPath(first);
        await().atMost(WAIT).until(() -> changes.size() == 2);
        masters.delete().forPath(third); // a follower leaving changes nothing either...
        masters.delete().forPath(contend("m4", 5053)); // ...nor one arriving and leaving
        contend("m5", 5054);
        masters.delete().forPath(second); // one more real change: reads are ordered, so any noise would come first

        await().atMost(WAIT).until(() -> changes.size() == 3);
        assertThat(changes).containsExactly(
                Optional.of(URI.create("http://m1:5050")),
                Optional.of(URI.create("http://m2:5051")),
                Optional.of(URI.create("http://m5:5054")));
    }

    @Test
    void childrenWithoutASequenceNumberAreSkipped() throws Exception {
        masters.create().creatingParentsIfNeeded().forPath("/mesos/log_replicas", new byte[0]);
        masters.create().forPath("/mesos/json.info_abc", masterInfo("bogus", 1).getBytes(StandardCharsets.UTF_8));
        masters.create().forPath("/mesos/info_0000000000", new byte[] {1, 2, 3}); // pre-JSON binary MasterInfo
        contend("m1", 5050);

        startDetector("/mesos");

        await().atMost(WAIT).until(() -> detector.leader().isPresent());
        assertThat(detector.leader()).contains(URI.create("http://m1:5050"));
    }

    @Test
    void unreadableLeaderDataMeansNoLeaderUntilThatContenderLeaves() throws Exception {
        String broken = masters.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/mesos/json.info_", "{not json".getBytes(StandardCharsets.UTF_8));
        contend("m2", 5050);
        startDetector("/mesos");
        await().atMost(WAIT).until(() -> childrenSeen() == 2);
        assertThat(detector.leader()).isEmpty();

        masters.delete().forPath(broken);

        await().atMost(WAIT).until(() -> detector.leader().equals(Optional.of(URI.create("http://m2:5050"))));
    }

    @Test
    void electionPathCreatedAfterStartIsNoticed() throws Exception {
        startDetector("/dcos/mesos");
        assertThat(detector.leader()).isEmpty();

        masters.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/dcos/mesos/json.info_", masterInfo("m1", 5050).getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).until(() -> detector.leader().equals(Optional.of(URI.create("http://m1:5050"))));
    }

    @Test
    void losingTheZooKeeperSessionMeansNoLeaderUntilReconnected() throws Exception {
        contend("m1", 5050);
        startDetector("/mesos");
        await().atMost(WAIT).until(() -> detector.leader().isPresent());

        zookeeper.stop();

        await().atMost(WAIT).until(() -> detector.leader().isEmpty());
        zookeeper.restart();
        // Whether m1's ephemeral node outlived the outage depends on its own session: replace it to know.
        assertThat(masters.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        for (String child : masters.getChildren().forPath("/mesos")) {
            masters.delete().quietly().forPath("/mesos/" + child);
        }
        contend("m2", 5051);

        await().atMost(WAIT).until(() -> detector.leader().equals(Optional.of(URI.create("http://m2:5051"))));
        assertThat(changes).containsSubsequence(
                Optional.of(URI.create("http://m1:5050")), Optional.empty(), Optional.of(URI.create("http://m2:5051")));
    }

    @Test
    void credentialsInTheUrlAreUsedForDigestAuthentication() throws Exception {
        CuratorFramework authorized = CuratorFrameworkFactory.builder()
                .connectString(zookeeper.getConnectString())
                .retryPolicy(new RetryOneTime(100))
                .authorization("digest", "mesos:s3cret".getBytes(StandardCharsets.UTF_8))
                .zk34CompatibilityMode(true)
                .dontUseContainerParents()
                .build();
        authorized.start();
        // ZooDefs.Ids.CREATOR_ALL_ACL, spelled out: all permissions for the authenticated creator only.
        List<ACL> onlyTheCreator = List.of(new ACL(ALL_PERMISSIONS, new Id("auth", "")));
        try {
            authorized.create().creatingParentsIfNeeded().withACL(onlyTheCreator)
                    .forPath("/secure/json.info_0000000001", masterInfo("m1", 5050).getBytes(StandardCharsets.UTF_8));

            detector = ZooKeeperMasterDetector.start(ZooKeeperUrl.parse(
                    "zk://mesos:s3cret@" + zookeeper.getConnectString() + "/secure"));

            await().atMost(WAIT).until(() -> detector.leader().equals(Optional.of(URI.create("http://m1:5050"))));
        } finally {
            authorized.close();
        }
    }

    private void startDetector(String path) {
        detector = ZooKeeperMasterDetector.start(ZooKeeperUrl.parse("zk://" + zookeeper.getConnectString() + path),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        detector.watch(changes::add);
    }

    /** What a Mesos master does to stand for election: an ephemeral, sequential json.info_ node. */
    private String contend(String hostname, int port) throws Exception {
        return masters.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath("/mesos/json.info_", masterInfo(hostname, port).getBytes(StandardCharsets.UTF_8));
    }

    private int childrenSeen() throws Exception {
        return masters.getChildren().forPath("/mesos").size();
    }

    private static String masterInfo(String hostname, int port) {
        return MasterInfoJsonTest.REAL_MASTER_INFO.replace("\"m1\"", "\"" + hostname + "\"")
                .replace("5050", Integer.toString(port));
    }
}
