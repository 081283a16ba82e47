package org.cockroachdb.mesos.http.detect;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The current leader plus the watchers to tell when it changes; shared by the detectors. */
final class WatchedLeader {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedLeader.class);

    private final List<Consumer<Optional<URI>>> watchers = new CopyOnWriteArrayList<>();
    private Optional<URI> leader = Optional.empty();

    WatchedLeader(Optional<URI> initial) {
        this.leader = initial;
    }

    synchronized Optional<URI> get() {
        return leader;
    }

    /**
     * Records the leader; tells the watchers only if it differs. Watchers run under the lock so
     * that they see changes in the order they happened.
     */
    synchronized void set(Optional<URI> next) {
        if (next.equals(leader)) {
            return;
        }
        LOG.info("Leading Mesos master: {} (was {})", describe(next), describe(leader));
        leader = next;
        for (Consumer<Optional<URI>> watcher : watchers) {
            try {
                watcher.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A leader watcher failed", e);
            }
        }
    }

    MasterDetector.Watch add(Consumer<Optional<URI>> watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    void clearWatchers() {
        watchers.clear();
    }

    private static String describe(Optional<URI> leader) {
        return leader.map(URI::toString).orElse("none");
    }
}
