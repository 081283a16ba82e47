package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.Map;
import java.util.Optional;

/**
 * A node's SQL backend. A node has no SQL data until it joins or bootstraps a cluster, so the
 * engine is opened on the first session that the node can serve.
 */
public final class NodeSqlBackend implements SqlBackend {
    private final NodeContext context;
    private H2SqlBackend engine;

    public NodeSqlBackend(NodeContext context) {
        this.context = context;
    }

    @Override
    public SqlSession open(String user, String database, Map<String, String> params) throws SqlError {
        Optional<SqlError> refused = context.unavailable();
        if (refused.isPresent()) {
            throw refused.get();
        }
        return engine().open(user, database, params);
    }

    private synchronized H2SqlBackend engine() {
        if (engine == null) {
            engine = new H2SqlBackend(context);
        }
        return engine;
    }
}
