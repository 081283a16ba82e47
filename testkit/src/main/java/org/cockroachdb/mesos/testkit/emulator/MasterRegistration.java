package org.cockroachdb.mesos.testkit.emulator;

import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.cockroachdb.mesos.http.detect.ZooKeeperUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the emulated master in ZooKeeper the way a Mesos master contender does: an
 * EPHEMERAL_SEQUENTIAL {@code json.info_<seq>} child holding the JSON MasterInfo. If the node goes
 * (deleted, or its session expired) it is created again, with a new number; a failover replaces
 * it. All ZooKeeper work runs on this class's own thread, never on the emulator's loop.
 */
final class MasterRegistration implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterRegistration.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final ZooKeeperUrl url;
    private final CuratorFramework zk;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emulator-zk-registration");
        t.setDaemon(true);
        return t;
    });
    /** Re-creates the node when it is deleted; a watch fires once, so it is set again each time. */
    private final CuratorWatcher onNodeEvent = event -> {
        if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
            onWorker(this::ensureRegistered);
        }
    };
    private byte[] masterInfoJson; // touched only on the worker
    private String nodePath; // touched only on the worker

    MasterRegistration(ZooKeeperUrl url) {
        this.url = url;
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder().connectString(url.connectString())
                .retryPolicy(new ExponentialBackoffRetry(200, 5))
                .zk34CompatibilityMode(true)
                .dontUseContainerParents();
        url.credentials().ifPresent(c -> builder.authorization("digest", c.getBytes(StandardCharsets.UTF_8)));
        this.zk = builder.build();
        // a new session has lost the ephemeral node: register again
        zk.getConnectionStateListenable().addListener((client, state) -> {
            if (state == ConnectionState.RECONNECTED) {
                onWorker(this::ensureRegistered);
            }
        });
        zk.start();
    }

    /** Registers and waits until the node exists (at startup, before the URL is handed out). */
    void register(MasterInfo info) throws Exception {
        if (!zk.blockUntilConnected((int) CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("cannot reach ZooKeeper at " + url);
        }
        try {
            worker.submit(() -> {
                replace(info);
                return null;
            }).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Replaces the registration in the background: a failover runs on the emulator's loop. */
    void reregisterLater(MasterInfo info) {
        onWorker(() -> replace(info));
    }

    /** The old master's node goes first, as when that master dies; then the new one is created. */
    private void replace(MasterInfo info) throws Exception {
        masterInfoJson = JsonFormat.printer().preservingProtoFieldNames().print(info).getBytes(StandardCharsets.UTF_8);
        String old = nodePath;
        nodePath = null;
        if (old != null) {
            zk.delete().quietly().forPath(old);
        }
        ensureRegistered();
    }

    private void ensureRegistered() throws Exception {
        if (masterInfoJson == null) {
            return;
        }
        while (true) {
            if (nodePath == null) {
                nodePath = zk.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
                        .forPath(url.path() + "/json.info_", masterInfoJson);
            }
            if (zk.checkExists().usingWatcher(onNodeEvent).forPath(nodePath) != null) {
                return;
            }
            nodePath = null; // gone again already
        }
    }

    /** ZooKeeper work of a failover or a lost node, on the worker; if it fails the next reconnect retries. */
    private void onWorker(ZooKeeperWork work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (Exception e) {
                    LOG.error("could not register the master in ZooKeeper at {}; retrying on reconnect", url, e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // closing: nothing to register any more
        }
    }

    @FunctionalInterface
    private interface ZooKeeperWork {
        void run() throws Exception;
    }

    @Override
    public void close() {
        worker.shutdownNow(); // a registration still waiting for ZooKeeper is cut short
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        zk.close(); // the session ends, and with it the ephemeral node
    }
}
