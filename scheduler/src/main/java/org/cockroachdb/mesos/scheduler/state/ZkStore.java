package org.cockroachdb.mesos.scheduler.state;

import java.util.List;
import java.util.Optional;

/**
 * The little of ZooKeeper the scheduler needs, so the choice of client library stays in one place.
 * Paths are absolute within the service's namespace ({@code /tasks/x} is
 * {@code /dcos-service-<name>/tasks/x} on the server). Failures other than the ones named here are
 * {@link ZkStoreException}s.
 */
public interface ZkStore extends AutoCloseable {

    /** Creates the znode and any missing parents. @throws StaleVersionException if it exists */
    void create(String path, byte[] data);

    Optional<Versioned<byte[]>> read(String path);

    /** @throws StaleVersionException if the znode is gone or changed since {@code expectedVersion} */
    void updateIfVersion(String path, byte[] data, int expectedVersion);

    /** Deletes the znode and everything below it; nothing happens if it does not exist. */
    void delete(String path);

    /** The names (not paths) of the znode's children; empty if it does not exist. */
    List<String> children(String path);

    /** Applies every write or none. @throws StaleVersionException if a precondition failed */
    void commit(List<ZkWrite> writes);

    /** Enters the election at {@code path}; the returned candidate is not the leader yet. */
    Leadership joinElection(String path, String participantId);

    /** Removes the whole namespace (uninstall). Participants of elections in it lose their place. */
    void deleteNamespace();

    @Override
    void close();
}
