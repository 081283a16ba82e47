package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-in's SQL engine: every CockroachDB database of the cluster is an H2 file database in the
 * cluster's SQL directory, opened by every node process that serves it (see {@link DatabaseCatalog} for
 * how they share it). Sessions are {@link H2SqlSession}s. The backend keeps one idle connection per
 * database it has served, so that a database stays open in this process between sessions instead of
 * moving between processes as sessions come and go; {@link #close} lets go of them.
 */
public final class H2SqlBackend implements SqlBackend, AutoCloseable {
    /** H2's own account; the CockroachDB user of a session is the session's business. */
    private static final String H2_USER = "root";

    private final NodeContext context;
    private final DatabaseCatalog catalog;
    private final Map<String, Connection> anchors = new HashMap<>();
    private boolean closed;

    public H2SqlBackend(NodeContext context) {
        this.context = context;
        this.catalog = new DatabaseCatalog(context.sqlDataDir());
    }

    /**
     * Any user is accepted (an insecure cluster). A database that does not exist is accepted too, as
     * CockroachDB does: statements that need it then fail with 3D000.
     */
    @Override
    public H2SqlSession open(String user, String database, Map<String, String> params) throws SqlError {
        Optional<SqlError> down = context.unavailable();
        if (down.isPresent()) {
            throw down.get();
        }
        String db = database == null || database.isBlank() ? "defaultdb" : database;
        return new H2SqlSession(this, user == null || user.isBlank() ? "root" : user, db, params);
    }

    public NodeContext context() {
        return context;
    }

    DatabaseCatalog catalog() {
        return catalog;
    }

    /**
     * A JDBC connection to one of the cluster's databases, with CockroachDB's functions installed; 3D000
     * if the database does not exist. For {@link Dump} and tests; sessions use it too.
     */
    public Connection connect(String database) throws SqlError {
        if (!catalog.exists(database)) {
            throw SqlErrors.databaseDoesNotExist(database);
        }
        return connectEvenIfDropped(database);
    }

    /** Also for a database whose marker is gone (DROP DATABASE empties the file before removing it). */
    Connection connectEvenIfDropped(String database) throws SqlError {
        anchor(database);
        return newConnection(database);
    }

    private synchronized void anchor(String database) throws SqlError {
        if (!closed && !anchors.containsKey(database)) {
            anchors.put(database, newConnection(database));
        }
    }

    /** Lets go of this process's hold on the databases; sessions still open keep working. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Connection c : anchors.values()) {
            try {
                c.close();
            } catch (SQLException e) {
                // already gone with its server
            }
        }
        anchors.clear();
    }

    private Connection newConnection(String database) throws SqlError {
        try {
            Connection c = DriverManager.getConnection(catalog.jdbcUrl(database), H2_USER, "");
            try (Statement s = c.createStatement()) {
                // A no-op once it exists; DROP DATABASE drops it with everything else.
                s.execute("CREATE ALIAS IF NOT EXISTS unique_rowid FOR '" + UniqueRowId.class.getName() + ".next'");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        }
    }
}
