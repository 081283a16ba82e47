package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;

/** Runs one statement on the connection's session; the protocol handlers' only way to the backend. */
@FunctionalInterface
interface StatementRunner {
    SqlResult run(String sql, List<String> parameters) throws SqlError;
}
