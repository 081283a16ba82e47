package org.cockroachdb.mesos.executor.job.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SQL session with the cluster through one live node, as {@code root} over the PostgreSQL wire
 * protocol (insecure clusters: no TLS). {@link #close()} may come from another thread: a KILL ends a
 * statement that blocks.
 */
public final class ClusterSql implements AutoCloseable {
    private static final Pattern RELEASE = Pattern.compile("v\\d+\\.\\d+\\.\\d+[^\\s)]*");

    private final Connection connection;
    private volatile Statement running;

    private ClusterSql(Connection connection) {
        this.connection = connection;
    }

    /** {@code host} is {@code host:port}; {@code database} the session's current database. */
    public static ClusterSql connect(String host, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        p.setProperty("ApplicationName", "cockroachdb-mesos-job");
        return new ClusterSql(DriverManager.getConnection("jdbc:postgresql://" + host + "/" + database, p));
    }

    public Connection connection() {
        return connection;
    }

    /** The release the cluster runs, e.g. {@code v23.1.11}, from {@code SELECT version()}. */
    public String release() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT version()")) {
            String text = rs.next() ? rs.getString(1) : "";
            Matcher m = RELEASE.matcher(text == null ? "" : text);
            return m.find() ? m.group() : text;
        }
    }

    /** Whether {@code database} exists, and whether it holds tables. */
    public RestoreTarget.Existing existing(String database) throws SQLException {
        boolean found = false;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW DATABASES")) {
            while (rs.next()) {
                found |= database.equals(rs.getString(1));
            }
        }
        if (!found) {
            return RestoreTarget.Existing.NONE;
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW TABLES FROM " + database)) {
            return rs.next() ? RestoreTarget.Existing.NOT_EMPTY : RestoreTarget.Existing.EMPTY;
        }
    }

    /** Runs one statement; a KILL that closes this session ends it. Returns the first row's columns, if any. */
    public ResultSet execute(String sql) throws SQLException {
        Statement s = connection.createStatement();
        running = s;
        try {
            return s.execute(sql) ? s.getResultSet() : null;
        } finally {
            running = null;
        }
    }

    /** Cancels the running statement (the server stops it) and closes the session; safe from any thread. */
    @Override
    public void close() {
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // closing the connection below ends it anyway
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing more to release
        }
    }
}
