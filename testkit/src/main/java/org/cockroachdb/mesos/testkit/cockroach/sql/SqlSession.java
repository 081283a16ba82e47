package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.List;

/** One client connection's SQL session. Used by one wire-server thread at a time. */
public interface SqlSession extends AutoCloseable {

    /**
     * Runs one statement. {@code parameters} are the bound values of {@code $1..$n} in text form
     * (null for SQL NULL). A statement that returns rows gives a result with columns; any other
     * gives a command tag such as {@code INSERT 0 3} or {@code CREATE TABLE}.
     */
    SqlResult execute(String sql, List<String> parameters) throws SqlError;

    /** Whether the session is inside an explicit transaction (for ReadyForQuery's status byte). */
    boolean inTransaction();

    /** Whether a statement failed inside the current explicit transaction (status 'E'). */
    boolean transactionFailed();

    @Override
    void close();
}
