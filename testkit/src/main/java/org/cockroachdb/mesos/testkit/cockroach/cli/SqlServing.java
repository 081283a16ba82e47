package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.util.function.Function;
import org.cockroachdb.mesos.testkit.cockroach.node.SqlConnections;
import org.cockroachdb.mesos.testkit.cockroach.sql.NodeContext;

/** TEMPORARY until the wire server lands: refuses SQL connections. */
final class SqlServing {
    private SqlServing() {}

    static Function<NodeContext, SqlConnections> factory() {
        return ctx -> (socket, head) -> socket.close();
    }
}
