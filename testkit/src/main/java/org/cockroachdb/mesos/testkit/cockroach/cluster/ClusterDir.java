package org.cockroachdb.mesos.testkit.cockroach.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * One stand-in cluster's shared directory: the replicated state every node reads and writes
 * (under a cross-process file lock) and the SQL data. It stands in for CockroachDB's replicated
 * KV layer; since every node of a stand-in cluster runs on this machine, a directory suffices.
 */
public final class ClusterDir {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A JVM may hold a file lock only once; threads of one process queue here first. */
    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path dir;

    private ClusterDir(Path dir) {
        this.dir = dir;
    }

    /** Where clusters live: {@code COCKROACH_STANDIN_HOME}, else a directory under the temp dir. */
    public static Path home(Map<String, String> env) {
        String configured = env.get("COCKROACH_STANDIN_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "cockroach-standin-" + System.getProperty("user.name"));
    }

    public static ClusterDir create(Path home, ClusterState initial) {
        Path dir = home.resolve("clusters").resolve(initial.clusterId());
        try {
            Files.createDirectories(dir.resolve("sql"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cluster directory " + dir, e);
        }
        ClusterDir c = new ClusterDir(dir);
        c.write(initial);
        return c;
    }

    public static Optional<ClusterDir> open(Path dir) {
        return Files.exists(dir.resolve("state.json")) ? Optional.of(new ClusterDir(dir)) : Optional.empty();
    }

    public Path path() {
        return dir;
    }

    public Path sqlDir() {
        return dir.resolve("sql");
    }

    public ClusterState read() {
        try {
            return JSON.readValue(dir.resolve("state.json").toFile(), ClusterState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cluster state in " + dir, e);
        }
    }

    /** Read, change, write, under the lock; returns the state written. */
    public ClusterState update(UnaryOperator<ClusterState> change) {
        synchronized (IN_PROCESS.computeIfAbsent(dir.toAbsolutePath().normalize(), p -> new Object())) {
            try (FileChannel ch = FileChannel.open(dir.resolve("state.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock(); // released when the channel closes, after the write
                ClusterState next = change.apply(read());
                write(next);
                lock.release();
                return next;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update cluster state in " + dir, e);
            }
        }
    }

    private void write(ClusterState state) {
        try {
            Path tmp = Files.createTempFile(dir, "state", ".tmp");
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, dir.resolve("state.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cluster state in " + dir, e);
        }
    }
}
