package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlBackend;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection from its first byte to its end: the startup handshake, then the message loop
 * that hands queries to the simple or extended protocol. Whatever way the connection ends, the socket
 * is closed and the session (if one opened) is closed with it.
 */
final class PgConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PgConnection.class);
    /** Messages that belong to the extended protocol; after an error they are skipped until Sync. */
    private static final String EXTENDED = "PBDEC";
    /** CopyData, CopyDone and CopyFail outside COPY are ignored, as PostgreSQL ignores them. */
    private static final String COPY = "dcf";

    private final Socket socket;
    private final InputStream in;
    private final SqlBackend backend;
    private final Map<String, String> serverParameters;
    private final Runnable onEnd;
    private SqlSession session;
    private ExtendedQuery extended;

    /**
     * @param in               the socket's input, with any bytes already read by whoever accepted it in front
     * @param serverParameters ParameterStatus values that override or add to the defaults
     * @param onEnd            called once the connection is over and cleaned up
     */
    PgConnection(Socket socket, InputStream in, SqlBackend backend, Map<String, String> serverParameters, Runnable onEnd) {
        this.socket = socket;
        this.in = in;
        this.backend = backend;
        this.serverParameters = serverParameters;
        this.onEnd = onEnd;
    }

    /** Ends the connection from outside (server shutdown): the blocked read fails and the thread cleans up. */
    void abort() {
        closeQuietly(socket);
    }

    @Override
    public void run() {
        BackendWriter writer = null;
        try {
            writer = new BackendWriter(socket.getOutputStream());
            FrontendReader reader = new FrontendReader(in);
            try {
                serve(reader, writer);
            } catch (ProtocolViolation v) {
                LOG.debug("closing connection from {}: {}", socket.getRemoteSocketAddress(), v.getMessage());
                sendFatal(writer, new SqlError(ProtocolViolation.SQLSTATE, v.getMessage(), true));
            } catch (SqlError e) {
                sendFatal(writer, e);
            }
        } catch (IOException e) {
            // The client went away, or the server is shutting down: nobody is left to tell.
            LOG.debug("connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("connection from {} failed", socket.getRemoteSocketAddress(), e);
            if (writer != null) {
                sendFatal(writer, new SqlError("XX000", "internal error: " + e, true));
            }
        } finally {
            if (session != null) {
                try {
                    session.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing the SQL session failed", e);
                }
            }
            closeQuietly(socket);
            onEnd.run();
        }
    }

    private void serve(FrontendReader reader, BackendWriter writer) throws IOException, ProtocolViolation, SqlError {
        Optional<Map<String, String>> startup = new StartupHandshake(reader, writer).perform();
        if (startup.isEmpty()) {
            return;
        }
        Map<String, String> params = startup.get();
        String user = params.getOrDefault("user", "");
        if (user.isEmpty()) {
            throw new SqlError("28000", "no PostgreSQL user name specified in startup packet", true);
        }
        String database = params.getOrDefault("database", "");
        try {
            session = backend.open(user, database.isEmpty() ? "defaultdb" : database, params);
        } catch (SqlError e) {
            // Refusing a session always ends the connection, whatever severity the backend gave.
            throw new SqlError(e.sqlState(), e.getMessage(), true);
        }
        if (session == null) {
            throw new SqlError("XX000", "the SQL backend opened no session", true);
        }
        extended = new ExtendedQuery(writer, this::execute, session);
        greet(writer, params);
        loop(reader, writer, new SimpleQuery(writer, this::execute));
    }

    private void greet(BackendWriter writer, Map<String, String> params) throws IOException {
        writer.authenticationOk();
        Map<String, String> status = new LinkedHashMap<>();
        status.put("server_version", "13.0.0");
        status.put("server_encoding", "UTF8");
        status.put("client_encoding", "UTF8");
        status.put("DateStyle", "ISO, MDY");
        status.put("IntervalStyle", "postgres");
        status.put("integer_datetimes", "on");
        status.put("standard_conforming_strings", "on");
        status.put("TimeZone", "UTC");
        status.put("application_name", params.getOrDefault("application_name", ""));
        status.putAll(serverParameters);
        for (Map.Entry<String, String> e : status.entrySet()) {
            writer.parameterStatus(e.getKey(), e.getValue());
        }
        // Cancel requests are not honoured, so the key only has to look like one.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        writer.backendKeyData(random.nextInt(1, Integer.MAX_VALUE), random.nextInt());
        writer.readyForQuery(transactionStatus());
        writer.flush();
    }

    private void loop(FrontendReader reader, BackendWriter writer, SimpleQuery simple)
            throws IOException, ProtocolViolation, SqlError {
        boolean skippingToSync = false;
        while (true) {
            FrontendMessage m = reader.readMessage();
            if (m == null) {
                return;
            }
            char type = m.type();
            if (type == 'X') {
                return;
            } else if (type == 'S') {
                m.expectEnd();
                skippingToSync = false;
                extended.sync();
                writer.readyForQuery(transactionStatus());
                writer.flush();
            } else if (type == 'H') {
                writer.flush();
            } else if (COPY.indexOf(type) >= 0) {
                continue;
            } else if (type == 'Q' || type == 'F' || EXTENDED.indexOf(type) >= 0) {
                if (skippingToSync) {
                    continue;
                }
                if (type == 'Q') {
                    String sql = m.readCString();
                    m.expectEnd();
                    extended.forgetUnnamed();
                    simple.run(sql);
                    writer.readyForQuery(transactionStatus());
                    writer.flush();
                } else if (type == 'F') {
                    writer.error(new SqlError("0A000", "the function call protocol is not supported"));
                    writer.readyForQuery(transactionStatus());
                    writer.flush();
                } else {
                    skippingToSync = !handleExtended(m, writer);
                }
            } else {
                throw new ProtocolViolation("invalid frontend message type " + (int) type);
            }
        }
    }

    /** Whether the message went through; after an error the rest up to Sync is skipped, as PostgreSQL does. */
    private boolean handleExtended(FrontendMessage m, BackendWriter writer) throws IOException, ProtocolViolation, SqlError {
        try {
            extended.handle(m);
            return true;
        } catch (SqlError e) {
            if (e.fatal()) {
                throw e;
            }
            writer.error(e);
            return false;
        }
    }

    /** Runs a statement on the session; a backend that throws unchecked gets an internal error, not a dead connection. */
    private SqlResult execute(String sql, List<String> parameters) throws SqlError {
        boolean wasInTransaction = session.inTransaction();
        try {
            SqlResult result = session.execute(sql, parameters);
            if (result == null) {
                throw new SqlError("XX000", "internal error: the SQL backend returned no result for: " + sql);
            }
            return result;
        } catch (RuntimeException e) {
            LOG.warn("SQL backend failed on: {}", sql, e);
            throw new SqlError("XX000", "internal error: " + e);
        } finally {
            if (wasInTransaction && !session.inTransaction()) {
                extended.transactionEnded();
            }
        }
    }

    private char transactionStatus() {
        if (session.transactionFailed()) {
            return 'E';
        }
        return session.inTransaction() ? 'T' : 'I';
    }

    private static void sendFatal(BackendWriter writer, SqlError e) {
        try {
            writer.error(BackendWriter.Severity.FATAL, e.sqlState(), e.getMessage(), null, null);
            writer.flush();
        } catch (IOException ignored) {
            // The client is gone already; the connection closes either way.
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that was wanted.
        }
    }
}
