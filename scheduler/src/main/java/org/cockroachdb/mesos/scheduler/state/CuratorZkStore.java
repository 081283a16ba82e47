package org.cockroachdb.mesos.scheduler.state;

import org.cockroachdb.mesos.scheduler.config.ServiceName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/**
 * {@link ZkStore} on Curator 4.3 with the ZooKeeper 3.5 client in 3.4 compatibility mode: that
 * combination talks to the ZooKeeper 3.4.14 DC/OS runs (no container nodes, no create2, no
 * getConfig) as well as to 3.5 and later servers, and, unlike the 3.4 client, runs on JDK 17.
 */
public final class CuratorZkStore implements ZkStore {

    private final CuratorFramework curator;
    private final ServiceName namespace;

    private CuratorZkStore(CuratorFramework curator, ServiceName namespace) {
        this.curator = curator;
        this.namespace = namespace;
    }

    /** Connects, waiting up to the connection timeout. @throws ZkStoreException if not connected by then */
    public static CuratorZkStore connect(ZkConnection connection) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(connection.connectString())
                .namespace(connection.namespace().zkNamespace())
                .sessionTimeoutMs(Math.toIntExact(connection.sessionTimeout().toMillis()))
                .connectionTimeoutMs(Math.toIntExact(connection.connectionTimeout().toMillis()))
                .retryPolicy(new ExponentialBackoffRetry(200, 5))
                .zk34CompatibilityMode(true)
                // Without this the namespace parent is never created on 3.4 (no container nodes there).
                .dontUseContainerParents();
        connection.digestCredentials().ifPresent(credentials -> builder
                .authorization("digest", credentials.getBytes(StandardCharsets.UTF_8))
                .aclProvider(creatorOnly()));
        CuratorFramework curator = builder.build();
        curator.start();
        try {
            if (!curator.blockUntilConnected(
                    Math.toIntExact(connection.connectionTimeout().toMillis()), TimeUnit.MILLISECONDS)) {
                curator.close();
                throw new ZkStoreException("could not connect to " + connection, null);
            }
        } catch (InterruptedException e) {
            curator.close();
            Thread.currentThread().interrupt();
            throw new ZkStoreException("interrupted while connecting to " + connection, e);
        }
        createNamespaceRoot(curator, connection);
        return new CuratorZkStore(curator, connection.namespace());
    }

    /**
     * Curator 4.3 creates the namespace root as a container node on first use whatever the builder
     * says; ZooKeeper 3.4 answers that unknown request by dropping the connection, which costs the
     * leadership. Created first, as a plain node, Curator finds it and never tries.
     */
    private static void createNamespaceRoot(CuratorFramework curator, ZkConnection connection) {
        try {
            curator.usingNamespace(null).create().creatingParentsIfNeeded()
                    .forPath("/" + connection.namespace().zkNamespace());
        } catch (KeeperException.NodeExistsException e) {
            // Created by an earlier run: what we need.
        } catch (Exception e) {
            curator.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new ZkStoreException("could not create the namespace of " + connection, e);
        }
    }

    @Override
    public void create(String path, byte[] data) {
        try {
            curator.create().creatingParentsIfNeeded().forPath(path, data);
        } catch (KeeperException.NodeExistsException e) {
            throw new StaleVersionException(path + " exists already", e);
        } catch (Exception e) {
            throw failure("create", path, e);
        }
    }

    @Override
    public Optional<Versioned<byte[]>> read(String path) {
        try {
            Stat stat = new Stat();
            byte[] data = curator.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Versioned<>(data == null ? new byte[0] : data, stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure("read", path, e);
        }
    }

    @Override
    public void updateIfVersion(String path, byte[] data, int expectedVersion) {
        try {
            curator.setData().withVersion(expectedVersion).forPath(path, data);
        } catch (KeeperException.BadVersionException | KeeperException.NoNodeException e) {
            throw new StaleVersionException(path + " is no longer at version " + expectedVersion, e);
        } catch (Exception e) {
            throw failure("update", path, e);
        }
    }

    @Override
    public void delete(String path) {
        try {
            curator.delete().deletingChildrenIfNeeded().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // Already gone: the outcome the caller asked for.
        } catch (Exception e) {
            throw failure("delete", path, e);
        }
    }

    @Override
    public List<String> children(String path) {
        try {
            return List.copyOf(curator.getChildren().forPath(path));
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure("list", path, e);
        }
    }

    @Override
    public void commit(List<ZkWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            List<CuratorOp> ops = new ArrayList<>(writes.size());
            for (ZkWrite write : writes) {
                ops.add(toOp(write));
            }
            curator.transaction().forOperations(ops);
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException
                 | KeeperException.NoNodeException | KeeperException.NotEmptyException e) {
            throw new StaleVersionException("transaction refused at " + e.getPath(), e);
        } catch (Exception e) {
            throw failure("commit", writes.get(0).path() + " and " + (writes.size() - 1) + " more", e);
        }
    }

    private CuratorOp toOp(ZkWrite write) throws Exception {
        if (write instanceof ZkWrite.Create create) {
            return curator.transactionOp().create().forPath(create.path(), create.data());
        } else if (write instanceof ZkWrite.Update update) {
            return curator.transactionOp().setData().withVersion(update.expectedVersion())
                    .forPath(update.path(), update.data());
        } else if (write instanceof ZkWrite.Delete delete) {
            return curator.transactionOp().delete().forPath(delete.path());
        }
        throw new IllegalArgumentException("unknown write " + write);
    }

    @Override
    public Leadership joinElection(String path, String participantId) {
        return CuratorLeadership.join(curator, path, participantId);
    }

    @Override
    public void deleteNamespace() {
        try {
            curator.usingNamespace(null).delete().deletingChildrenIfNeeded().forPath("/" + namespace.zkNamespace());
        } catch (KeeperException.NoNodeException e) {
            // Nothing was ever stored.
        } catch (Exception e) {
            throw failure("delete", "the namespace", e);
        }
    }

    @Override
    public void close() {
        curator.close();
    }

    private ZkStoreException failure(String action, String path, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new ZkStoreException("ZooKeeper " + action + " of " + path + " in " + namespace.zkNamespace()
                + " failed: " + e, e);
    }

    /** Nodes only the authenticated creator may touch: secrets never live here, but state must not be forged. */
    private static ACLProvider creatorOnly() {
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return ZooDefs.Ids.CREATOR_ALL_ACL;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return ZooDefs.Ids.CREATOR_ALL_ACL;
            }
        };
    }
}
