package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL wire protocol (v3) server in front of a {@link SqlBackend}: what pgjdbc, psql and any
 * other PostgreSQL client connect to on a stand-in node. Each connection runs on its own daemon
 * thread. No TLS and no authentication (SSL requests are answered "no"); cancel requests are not
 * honoured.
 *
 * <p>The node accepts on a port it shares with its own RPC protocol and hands PostgreSQL
 * connections over with {@link #serve(Socket, byte[])} once {@link #isPostgresStart(byte[])} says
 * the first bytes are PostgreSQL's; {@link #start(InetSocketAddress)} listens on a port of its own.
 */
public final class PgWireServer implements AutoCloseable {
    /** How many leading bytes {@link #isPostgresStart(byte[])} needs to decide. */
    public static final int SNIFF_LENGTH = 8;

    private static final Logger LOG = LoggerFactory.getLogger(PgWireServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final SqlBackend backend;
    private final Map<String, String> serverParameters;
    private final ExecutorService connectionThreads;
    private final Set<PgConnection> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile ServerSocket listener;

    public PgWireServer(SqlBackend backend) {
        this(backend, Map.of());
    }

    /**
     * @param serverParameters ParameterStatus values sent to every client after startup, replacing or
     *                         adding to the defaults ({@code server_version} 13.0.0, UTF8 encodings,
     *                         {@code DateStyle} ISO, MDY, {@code TimeZone} UTC, ...), e.g. {@code crdb_version}
     */
    public PgWireServer(SqlBackend backend, Map<String, String> serverParameters) {
        this.backend = backend;
        this.serverParameters = Map.copyOf(serverParameters);
        int server = SERVERS.incrementAndGet();
        AtomicInteger connections = new AtomicInteger();
        this.connectionThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pgwire-" + server + "-conn-" + connections.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Whether a connection's first {@link #SNIFF_LENGTH} bytes are a PostgreSQL client's opening
     * packet (StartupMessage v3, SSLRequest, GSSENCRequest or CancelRequest).
     */
    public static boolean isPostgresStart(byte[] firstBytes) {
        return StartupHandshake.isStartPacket(firstBytes);
    }

    /** Serves an accepted connection on a thread of its own; returns at once. */
    public void serve(Socket socket) {
        serve(socket, new byte[0]);
    }

    /**
     * Serves a connection whose first bytes were already read from the socket (to tell PostgreSQL
     * from another protocol); they are replayed before the rest of the stream. Returns at once.
     */
    public void serve(Socket socket, byte[] alreadyRead) {
        InputStream in;
        try {
            socket.setTcpNoDelay(true);
            in = new SequenceInputStream(new ByteArrayInputStream(alreadyRead.clone()), socket.getInputStream());
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        PgConnection[] self = new PgConnection[1];
        PgConnection connection = new PgConnection(socket, in, backend, serverParameters, () -> live.remove(self[0]));
        self[0] = connection;
        live.add(connection);
        try {
            if (closed) {
                throw new RejectedExecutionException("server closed");
            }
            connectionThreads.execute(connection);
        } catch (RejectedExecutionException e) {
            live.remove(connection);
            closeQuietly(socket);
        }
    }

    /** Listens on {@code address} (port 0 picks a free one) and serves every connection; returns the bound address. */
    public synchronized InetSocketAddress start(InetSocketAddress address) throws IOException {
        if (closed) {
            throw new IllegalStateException("server closed");
        }
        if (listener != null) {
            throw new IllegalStateException("already listening on " + listener.getLocalSocketAddress());
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address);
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "pgwire-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Connections being served right now. */
    public int connectionCount() {
        return live.size();
    }

    /** Stops accepting, closes every live connection and waits briefly for their sessions to close. */
    @Override
    public void close() {
        closed = true;
        ServerSocket socket = listener;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing is all that was wanted.
            }
        }
        connectionThreads.shutdown();
        live.forEach(PgConnection::abort);
        try {
            // A backend stuck inside a statement cannot be interrupted; do not wait for it forever.
            connectionThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(ServerSocket socket) {
        while (!closed) {
            try {
                serve(socket.accept());
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("accepting a PostgreSQL connection failed", e);
                }
            }
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
