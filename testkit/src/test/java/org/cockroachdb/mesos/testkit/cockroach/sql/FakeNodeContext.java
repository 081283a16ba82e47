package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cockroachdb.mesos.testkit.cockroach.Release;

/** A node as the SQL engine sees it, over a test's directory; its availability and settings are the test's. */
final class FakeNodeContext implements NodeContext {
    private final int nodeId;
    private final Release release;
    private final Path dir;
    private final Map<String, String> settings = new ConcurrentHashMap<>();
    private volatile SqlError unavailable;

    FakeNodeContext(Path dir) {
        this(dir, Release.parse(Release.DEFAULT), 1);
    }

    FakeNodeContext(Path dir, Release release, int nodeId) {
        this.dir = dir;
        this.release = release;
        this.nodeId = nodeId;
    }

    void makeUnavailable(SqlError why) {
        unavailable = why;
    }

    void makeAvailable() {
        unavailable = null;
    }

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public Release release() {
        return release;
    }

    @Override
    public Path sqlDataDir() {
        return dir;
    }

    @Override
    public Optional<SqlError> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    /** Like the node: null when unset. */
    @Override
    public String setting(String name) {
        return settings.get(name);
    }

    @Override
    public void setSetting(String name, String value) {
        settings.put(name, value);
    }

    @Override
    public void resetSetting(String name) {
        settings.remove(name);
    }
}
