package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.IOException;
import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlStatements;

/**
 * The simple query protocol: one string, possibly several statements, results always in text. The
 * first failing statement ends the string (its error is reported, the rest is not run).
 */
final class SimpleQuery {
    private final BackendWriter writer;
    private final StatementRunner runner;

    SimpleQuery(BackendWriter writer, StatementRunner runner) {
        this.writer = writer;
        this.runner = runner;
    }

    /** Runs every statement of {@code text}; a fatal error is thrown for the connection to end. */
    void run(String text) throws IOException, SqlError {
        List<String> statements = SqlStatements.split(text);
        if (statements.isEmpty()) {
            writer.emptyQueryResponse();
            return;
        }
        for (String sql : statements) {
            try {
                SqlResult result = runner.run(sql, List.of());
                if (result.returnsRows()) {
                    ResultFormats formats = ResultFormats.allText(result.columns());
                    writer.rowDescription(result.columns(), formats.codes());
                    for (List<String> row : result.rows()) {
                        writer.dataRow(formats.encode(row));
                    }
                }
                writer.commandComplete(result.commandTag());
            } catch (SqlError e) {
                if (e.fatal()) {
                    throw e;
                }
                writer.error(e);
                return;
            }
        }
    }
}
