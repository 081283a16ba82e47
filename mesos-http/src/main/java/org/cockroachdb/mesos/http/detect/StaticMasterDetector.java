package org.cockroachdb.mesos.http.detect;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A fixed list of masters. The current entry is offered as the leader; any master that is not the
 * leader answers 307 to the real one, which the client follows. When a client reports the current
 * entry unreachable, the detector moves on to the next one, round-robin.
 */
public final class StaticMasterDetector implements MasterDetector {
    private final List<URI> masters;
    private final WatchedLeader leader;
    private int current; // guarded by this

    /** @param masters base URIs {@code http://host:port}; see {@link MasterDetectors#fromUrl} for parsing */
    public StaticMasterDetector(List<URI> masters) {
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("a static master list needs at least one master");
        }
        this.masters = List.copyOf(masters);
        this.leader = new WatchedLeader(Optional.of(this.masters.get(0)));
    }

    public List<URI> masters() {
        return masters;
    }

    @Override
    public Optional<URI> leader() {
        return leader.get();
    }

    @Override
    public Watch watch(Consumer<Optional<URI>> listener) {
        return leader.add(listener);
    }

    /**
     * Publishes under the lock, so two reports racing each other announce the leaders in the
     * order the list moved (and {@code current} is never read unguarded).
     */
    @Override
    public synchronized void unreachable(URI master) {
        URI now = masters.get(current);
        // Only the entry we offered moves the list: a stale report must not skip a good master.
        if (!sameServer(now, master)) {
            return;
        }
        current = (current + 1) % masters.size();
        leader.set(Optional.of(masters.get(current)));
    }

    @Override
    public void close() {
        leader.clearWatchers();
    }

    @Override
    public String toString() {
        return "static masters " + masters;
    }

    /** A client reports an endpoint such as {@code http://h:p/api/v1/scheduler}; compare only the server. */
    private static boolean sameServer(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
                && a.getPort() == b.getPort();
    }
}
