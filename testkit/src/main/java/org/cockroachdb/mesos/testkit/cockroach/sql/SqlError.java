package org.cockroachdb.mesos.testkit.cockroach.sql;

/**
 * A SQL error as the wire protocol reports it: a five-character SQLSTATE and a message (and the
 * severity, ERROR unless FATAL ends the connection).
 */
public final class SqlError extends Exception {
    private final String sqlState;
    private final boolean fatal;

    public SqlError(String sqlState, String message) {
        this(sqlState, message, false);
    }

    public SqlError(String sqlState, String message, boolean fatal) {
        super(message);
        this.sqlState = sqlState;
        this.fatal = fatal;
    }

    public String sqlState() {
        return sqlState;
    }

    public boolean fatal() {
        return fatal;
    }
}
