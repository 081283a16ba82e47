package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.util.Map;
import java.util.function.Function;
import org.cockroachdb.mesos.testkit.cockroach.node.SqlConnections;
import org.cockroachdb.mesos.testkit.cockroach.pgwire.PgWireServer;
import org.cockroachdb.mesos.testkit.cockroach.sql.NodeContext;
import org.cockroachdb.mesos.testkit.cockroach.sql.NodeSqlBackend;

/** A node's SQL service: the PostgreSQL wire server in front of the node's SQL backend. */
final class SqlServing {
    private SqlServing() {}

    static Function<NodeContext, SqlConnections> factory() {
        return context -> {
            PgWireServer server = new PgWireServer(new NodeSqlBackend(context),
                    Map.of("crdb_version", "CockroachDB CCL " + context.release().tag()
                            + " (x86_64-pc-linux-gnu, built " + org.cockroachdb.mesos.testkit.cockroach.node.VersionText
                            .buildTime(context.release()) + ", " + context.release().goVersion() + ")"));
            return server::serve;
        };
    }
}
