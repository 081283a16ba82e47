package org.cockroachdb.mesos.http.scheduler;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.cockroachdb.mesos.http.detect.MasterDetector;

/** A detector the test moves by hand, standing in for a ZooKeeper election. */
final class SettableMasterDetector implements MasterDetector {
    private final List<Consumer<Optional<URI>>> watchers = new CopyOnWriteArrayList<>();
    private volatile Optional<URI> leader;

    SettableMasterDetector(Optional<URI> leader) {
        this.leader = leader;
    }

    synchronized void setLeader(Optional<URI> next) {
        if (!next.equals(leader)) {
            leader = next;
            watchers.forEach(w -> w.accept(next));
        }
    }

    @Override
    public Optional<URI> leader() {
        return leader;
    }

    @Override
    public Watch watch(Consumer<Optional<URI>> listener) {
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    @Override
    public void close() {
        watchers.clear();
    }
}
