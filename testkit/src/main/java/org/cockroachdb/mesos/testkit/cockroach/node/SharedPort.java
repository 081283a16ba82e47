package org.cockroachdb.mesos.testkit.cockroach.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A listening port that carries both the stand-in's RPC lines and PostgreSQL connections, told
 * apart by their first eight bytes ({@code "STANDIN "} versus a PostgreSQL startup packet, whose
 * first bytes are a binary length).
 */
final class SharedPort implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;

    SharedPort(ServerSocket server, BiConsumer<Socket, String> rpc, SqlConnections sql, NodeLog log) {
        this.server = server;
        this.acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> dispatch(s, rpc, sql, log), "conn-" + s.getPort());
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    if (!server.isClosed()) {
                        log.warning("accept failed: " + e.getMessage());
                    }
                }
            }
        }, "accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void dispatch(Socket s, BiConsumer<Socket, String> rpc, SqlConnections sql, NodeLog log) {
        try {
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(Rpc.MAGIC.length());
            if (head.length == Rpc.MAGIC.length() && Arrays.equals(head, Rpc.MAGIC.getBytes(StandardCharsets.US_ASCII))) {
                StringBuilder line = new StringBuilder();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.append((char) b);
                }
                rpc.accept(s, new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                return;
            }
            sql.serve(s, head);
        } catch (IOException e) {
            log.info("connection from " + s.getRemoteSocketAddress() + " ended: " + e.getMessage());
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
