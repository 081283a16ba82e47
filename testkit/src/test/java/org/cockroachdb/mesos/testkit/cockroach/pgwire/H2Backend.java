package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlBackend;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlSession;

/**
 * A real SQL engine behind the wire server for its tests: one private H2 in-memory database per
 * backend, one H2 connection per session. Counts sessions so tests can see them closed, can refuse
 * chosen databases, and can hold statements at a gate.
 */
final class H2Backend implements SqlBackend, AutoCloseable {
    private final String url = "jdbc:h2:mem:pgwire-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private final Map<String, SqlError> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger statementsRun = new AtomicInteger();
    private final AtomicInteger statementsDescribed = new AtomicInteger();
    private volatile StatementGate gate = sql -> {};
    private final Connection keepAlive;

    /** Called before each statement runs, on the connection's thread: lets a test hold one there. */
    @FunctionalInterface
    interface StatementGate {
        void beforeRunning(String sql) throws InterruptedException;
    }

    H2Backend() {
        try {
            keepAlive = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void refuse(String database, SqlError error) {
        refusals.put(database, error);
    }

    void gate(StatementGate gate) {
        this.gate = gate;
    }

    int sessionsOpened() {
        return opened.get();
    }

    int sessionsClosed() {
        return closed.get();
    }

    int statementsDescribed() {
        return statementsDescribed.get();
    }

    void described() {
        statementsDescribed.incrementAndGet();
    }

    int statementsRun() {
        return statementsRun.get();
    }

    @Override
    public SqlSession open(String user, String database, Map<String, String> params) throws SqlError {
        SqlError refusal = refusals.get(database);
        if (refusal != null) {
            throw refusal;
        }
        try {
            opened.incrementAndGet();
            return new H2Session(DriverManager.getConnection(url), this);
        } catch (SQLException e) {
            throw new SqlError("08006", e.getMessage(), true);
        }
    }

    void beforeRunning(String sql) throws SqlError {
        statementsRun.incrementAndGet();
        try {
            gate.beforeRunning(sql);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlError("57014", "canceling statement due to interrupt");
        }
    }

    void sessionClosed() {
        closed.incrementAndGet();
    }

    /** Drops the database. */
    @Override
    public void close() throws SQLException {
        try (keepAlive; var s = keepAlive.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }
}
