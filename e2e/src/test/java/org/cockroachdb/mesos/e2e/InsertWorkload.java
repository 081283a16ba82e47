package org.cockroachdb.mesos.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * An application writing while the cluster changes under it: one row per insert, spread over every
 * node's address, moving to the next node when one goes away. It keeps the ids the database
 * acknowledged, and every error that a client could not simply retry.
 */
final class InsertWorkload implements AutoCloseable {

    /** Pacing between inserts, so the workload does not starve the machine the cluster runs on. */
    private static final Duration PACE = Duration.ofMillis(20);

    private final List<String> addresses;
    private final String table;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> fatal = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile int retried;

    InsertWorkload(List<String> addresses, String table) {
        this.addresses = List.copyOf(addresses);
        this.table = table;
        this.thread = new Thread(this::run, "insert-workload");
    }

    InsertWorkload start() {
        thread.start();
        return this;
    }

    Set<Long> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<String> nonRetryableErrors() {
        return List.copyOf(fatal);
    }

    int retried() {
        return retried;
    }

    private void run() {
        long next = 1;
        int node = 0;
        Connection connection = null;
        while (running.get()) {
            long id = next++;
            try {
                if (connection == null) {
                    connection = Sql.connect(addresses.get(node));
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
                    insert.setLong(1, id);
                    insert.executeUpdate();
                }
                acknowledged.add(id);
            } catch (SQLException e) {
                if (!retryable(e)) {
                    fatal.add(addresses.get(node) + ": " + e.getSQLState() + " " + e.getMessage());
                }
                retried++;
                close(connection);
                connection = null;
                node = (node + 1) % addresses.size();
            }
            LockSupport.parkNanos(PACE.toNanos());
        }
        close(connection);
    }

    /** What a CockroachDB client retries: a lost or refused connection, a node shutting down, a retry error. */
    static boolean retryable(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P01") || state.equals("40001");
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the node went away; nothing to release
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
