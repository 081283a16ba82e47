package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.Map;

/**
 * What a node's PostgreSQL wire server asks of the SQL layer. The wire server knows nothing about
 * CockroachDB or the storage engine; the backend knows nothing about the wire.
 */
public interface SqlBackend {

    /**
     * A session for a client that sent this startup message. Throws to refuse the connection (the
     * node is draining, has no quorum, the user is unknown); the wire server sends the error and
     * closes.
     *
     * @param user     the startup {@code user} parameter
     * @param database the startup {@code database} parameter (CockroachDB's default is {@code defaultdb})
     * @param params   every startup parameter, as sent
     */
    SqlSession open(String user, String database, Map<String, String> params) throws SqlError;
}
