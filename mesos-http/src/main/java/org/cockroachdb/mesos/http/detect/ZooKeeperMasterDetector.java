package org.cockroachdb.mesos.http.detect;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorWatcher;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the Mesos masters' leader election in ZooKeeper. Each contender owns an
 * EPHEMERAL_SEQUENTIAL znode {@code <path>/json.info_<10-digit seq>} holding its MasterInfo as JSON;
 * the lowest sequence number leads. All ZooKeeper reads run on one thread, so leader changes are
 * seen and reported in order.
 */
public final class ZooKeeperMasterDetector implements MasterDetector {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperMasterDetector.class);

    /** Mesos's own default ({@code --zk_session_timeout}). */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    static final String CONTENDER_PREFIX = "json.info_";
    private static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(1);

    private final ZooKeeperUrl url;
    private final CuratorFramework curator;
    private final ScheduledExecutorService reader;
    private final WatchedLeader leader = new WatchedLeader(Optional.empty());
    /** One watcher object, so ZooKeeper keeps at most one registration per znode however often we re-read. */
    private final CuratorWatcher rereadOnChange = this::onWatchedEvent;
    private volatile boolean closed;
    private String lastBadContender;

    private ZooKeeperMasterDetector(ZooKeeperUrl url, Duration sessionTimeout, Duration connectionTimeout) {
        this.url = url;
        this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mesos-master-detector");
            t.setDaemon(true);
            return t;
        });
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(url.connectString())
                .sessionTimeoutMs(Math.toIntExact(sessionTimeout.toMillis()))
                .connectionTimeoutMs(Math.toIntExact(connectionTimeout.toMillis()))
                // Few retries: while disconnected we wait for RECONNECTED instead of blocking the reader.
                .retryPolicy(new ExponentialBackoffRetry(200, 3))
                // DC/OS runs ZooKeeper 3.4: no container nodes, no 3.5-only calls.
                .zk34CompatibilityMode(true)
                .dontUseContainerParents();
        url.credentials().ifPresent(c -> builder.authorization("digest", c.getBytes(StandardCharsets.UTF_8)));
        this.curator = builder.build();
    }

    /** Connects (in the background) and starts following the election. */
    public static ZooKeeperMasterDetector start(ZooKeeperUrl url) {
        return start(url, DEFAULT_SESSION_TIMEOUT, DEFAULT_CONNECTION_TIMEOUT);
    }

    public static ZooKeeperMasterDetector start(ZooKeeperUrl url, Duration sessionTimeout, Duration connectionTimeout) {
        ZooKeeperMasterDetector detector = new ZooKeeperMasterDetector(url, sessionTimeout, connectionTimeout);
        detector.curator.getConnectionStateListenable().addListener(
                (client, state) -> detector.onConnectionState(state), detector.reader);
        detector.curator.start();
        detector.submitRead();
        return detector;
    }

    @Override
    public Optional<URI> leader() {
        return leader.get();
    }

    @Override
    public Watch watch(Consumer<Optional<URI>> listener) {
        return leader.add(listener);
    }

    @Override
    public void close() {
        closed = true;
        leader.clearWatchers();
        reader.shutdownNow();
        curator.close();
        try {
            reader.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ZooKeeper master detector " + url;
    }

    private void onConnectionState(ConnectionState state) {
        switch (state) {
            // The session (and with it every watch) may be new: read everything again.
            case CONNECTED, RECONNECTED -> readLeader();
            case LOST -> {
                LOG.warn("ZooKeeper session lost ({}); no leading Mesos master is known", url);
                leader.set(Optional.empty());
            }
            // SUSPENDED: the session may still be alive; keep the last answer until LOST.
            default -> {}
        }
    }

    private void onWatchedEvent(WatchedEvent event) {
        if (event.getType() != org.apache.zookeeper.Watcher.Event.EventType.None) {
            submitRead();
        }
    }

    private void submitRead() {
        schedule(Duration.ZERO);
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        try {
            reader.schedule(this::readLeader, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** List the contenders (re-arming the watch), pick the lowest, read its MasterInfo. */
    private void readLeader() {
        if (closed || !curator.getZookeeperClient().isConnected()) {
            return; // CONNECTED/RECONNECTED will bring us back
        }
        try {
            List<String> children;
            try {
                children = curator.getChildren().usingWatcher(rereadOnChange).forPath(url.path());
            } catch (KeeperException.NoNodeException e) {
                // No master has registered yet: wait for the path to appear.
                if (curator.checkExists().usingWatcher(rereadOnChange).forPath(url.path()) != null) {
                    submitRead();
                }
                leader.set(Optional.empty());
                return;
            }
            Optional<String> lowest = children.stream()
                    .filter(ZooKeeperMasterDetector::isContender)
                    .min(Comparator.comparingLong(ZooKeeperMasterDetector::sequence));
            if (lowest.isEmpty()) {
                leader.set(Optional.empty());
                return;
            }
            byte[] data;
            try {
                data = curator.getData().forPath(url.path() + "/" + lowest.get());
            } catch (KeeperException.NoNodeException e) {
                submitRead(); // the contender left between the two reads
                return;
            }
            leader.set(parse(lowest.get(), data));
        } catch (Exception e) {
            if (closed) {
                return;
            }
            LOG.warn("Reading the Mesos master election from {} failed ({}); retrying in {} s", url, e,
                    RETRY_AFTER_ERROR.toSeconds());
            schedule(RETRY_AFTER_ERROR);
        }
    }

    /** The leader's data cannot be read: say "no leader" rather than guess; the watch fires when it goes away. */
    private Optional<URI> parse(String contender, byte[] data) {
        try {
            return Optional.of(MasterInfoJson.baseUri(data));
        } catch (IllegalArgumentException e) {
            if (!contender.equals(lastBadContender)) {
                lastBadContender = contender;
                LOG.warn("Leading contender {}/{} has unusable MasterInfo: {}", url.path(), contender, e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** {@code json.info_0000000042}; older binary {@code info_*} nodes and {@code log_replicas} are not. */
    static boolean isContender(String child) {
        if (!child.startsWith(CONTENDER_PREFIX)) {
            return false;
        }
        String digits = child.substring(CONTENDER_PREFIX.length());
        return !digits.isEmpty() && digits.length() <= 18 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    static long sequence(String contender) {
        return Long.parseLong(contender.substring(CONTENDER_PREFIX.length()));
    }
}
