package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;

/**
 * A bound statement ready to run. It runs once, at its first Describe or Execute, and keeps the whole
 * result: Describe can then report the exact columns, and Executes with a row limit hand the rows out
 * a batch at a time.
 */
final class Portal {
    private final PreparedQuery statement;
    private final List<String> parameters;
    private final short[] requestedFormats;
    private SqlResult result;
    private ResultFormats formats;
    private SqlError formatError;
    private int position;
    private boolean suspended;

    Portal(PreparedQuery statement, List<String> parameters, short[] requestedFormats) {
        this.statement = statement;
        this.parameters = parameters;
        this.requestedFormats = requestedFormats;
    }

    PreparedQuery statement() {
        return statement;
    }

    boolean isEmpty() {
        return statement.isEmpty();
    }

    /** Runs the statement unless it already ran; resolves the result's column formats. */
    SqlResult result(StatementRunner runner) throws SqlError {
        if (result == null) {
            result = runner.run(statement.sql(), parameters);
            if (result.returnsRows()) {
                try {
                    formats = ResultFormats.resolve(result.columns(), requestedFormats);
                } catch (SqlError e) {
                    formatError = e; // the statement ran; every later look at this portal fails the same way
                }
            }
        }
        if (formatError != null) {
            throw formatError;
        }
        return result;
    }

    ResultFormats formats() {
        return formats;
    }

    /** Up to {@code limit} not yet sent rows (all of them when the limit is 0 or less). */
    List<List<String>> nextRows(int limit) {
        List<List<String>> rows = result.rows();
        int end = limit <= 0 ? rows.size() : (int) Math.min(rows.size(), (long) position + limit);
        List<List<String>> batch = rows.subList(position, end);
        position = end;
        return batch;
    }

    boolean hasMoreRows() {
        return position < result.rows().size();
    }

    void markSuspended() {
        suspended = true;
    }

    /**
     * CommandComplete's tag. A SELECT that was handed out in batches reports the rows of the last
     * batch, as PostgreSQL does.
     */
    String completionTag(int rowsInLastBatch) {
        String tag = result.commandTag();
        return suspended && tag.startsWith("SELECT") ? "SELECT " + rowsInLastBatch : tag;
    }
}
