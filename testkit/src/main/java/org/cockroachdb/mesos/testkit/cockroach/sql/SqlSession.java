package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.List;
import java.util.Optional;

/** One client connection's SQL session. Used by one wire-server thread at a time. */
public interface SqlSession extends AutoCloseable {

    /**
     * Runs one statement. {@code parameters} are the bound values of {@code $1..$n} in text form
     * (null for SQL NULL). A statement that returns rows gives a result with columns; any other
     * gives a command tag such as {@code INSERT 0 3} or {@code CREATE TABLE}.
     */
    SqlResult execute(String sql, List<String> parameters) throws SqlError;

    /**
     * The columns {@code sql} would return, worked out without running it: an empty list for a
     * statement that returns no rows, {@link Optional#empty()} when the session cannot tell before
     * running it. The wire server asks when a client describes a prepared statement before binding it
     * (pgjdbc does for a server-prepared statement with parameters of unspecified type, and for
     * {@code PreparedStatement.getMetaData()}); portals are described by running them instead. When the
     * session cannot tell, the wire server answers "no rows" for statements that cannot return any by
     * their first keyword, and a feature-not-supported error for the others.
     *
     * @param parameterTypes the parameters' type OIDs as the client declared them, 0 where it left one open
     */
    default Optional<List<SqlResult.Column>> describe(String sql, List<Integer> parameterTypes) throws SqlError {
        return Optional.empty();
    }

    /** Whether the session is inside an explicit transaction (for ReadyForQuery's status byte). */
    boolean inTransaction();

    /** Whether a statement failed inside the current explicit transaction (status 'E'). */
    boolean transactionFailed();

    @Override
    void close();
}
