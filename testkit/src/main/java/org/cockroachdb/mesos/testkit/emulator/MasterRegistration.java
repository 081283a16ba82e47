package org.cockroachdb.mesos.testkit.emulator;

import com.google.protobuf.util.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.zookeeper.CreateMode;

/**
 * Registers the emulated master in ZooKeeper the way a Mesos master contender does: an
 * EPHEMERAL_SEQUENTIAL {@code json.info_<seq>} child holding the JSON MasterInfo. A failover
 * replaces it with a new, higher-numbered node.
 */
final class MasterRegistration implements AutoCloseable {
    private final CuratorFramework zk;
    private final String path;
    private String node;

    /** {@code zk://host:port[,host:port]/path}. */
    MasterRegistration(String zkUrl) {
        URI uri = URI.create(zkUrl);
        if (!"zk".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--zk must look like zk://host:port[,host:port]/path, got " + zkUrl);
        }
        String rest = zkUrl.substring("zk://".length());
        int slash = rest.indexOf('/');
        String hosts = slash < 0 ? rest : rest.substring(0, slash);
        this.path = slash < 0 ? "/mesos" : rest.substring(slash);
        this.zk = CuratorFrameworkFactory.builder().connectString(hosts)
                .retryPolicy(new ExponentialBackoffRetry(200, 5))
                .zk34CompatibilityMode(true)
                .dontUseContainerParents()
                .build();
        zk.start();
    }

    synchronized void register(MasterInfo info) throws Exception {
        if (!zk.blockUntilConnected(15, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("cannot reach ZooKeeper");
        }
        if (node != null) {
            zk.delete().quietly().forPath(node);
        }
        byte[] json = JsonFormat.printer().preservingProtoFieldNames().print(info).getBytes(StandardCharsets.UTF_8);
        node = zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                .forPath(path + "/json.info_", json);
    }

    @Override
    public synchronized void close() {
        zk.close();
    }
}
