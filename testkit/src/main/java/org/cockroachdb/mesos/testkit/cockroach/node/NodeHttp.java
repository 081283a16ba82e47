package org.cockroachdb.mesos.testkit.cockroach.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.cockroachdb.mesos.testkit.cockroach.cluster.ClusterView;
import org.cockroachdb.mesos.testkit.cockroach.cluster.NodeRecord;

/**
 * The node's HTTP port: {@code /health} (alive), {@code /health?ready=1} and {@code /_admin/v1/health}
 * (ready: initialized, live, not draining or decommissioning, with quorum), and {@code /_status/vars}
 * (Prometheus text with the replication metrics an orchestrator gates on).
 */
final class NodeHttp {
    private final NodeProcess node;
    private final HttpServer server;

    NodeHttp(NodeProcess node, String host, int port) throws IOException {
        this.node = node;
        try {
            this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new IOException("failed to listen on --http-addr " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String query = Optional.ofNullable(x.getRequestURI().getQuery()).orElse("");
        boolean wantsReady = query.matches("(.*&)?ready=(1|true)(&.*)?");
        switch (path) {
            case "/health" -> {
                if (wantsReady) {
                    readiness(x);
                } else {
                    reply(x, 200, "application/json", node.release().atLeast(19, 2) ? "{\n}" : details());
                }
            }
            case "/_admin/v1/health" -> readiness(x);
            case "/_status/vars" -> reply(x, 200, "text/plain; version=0.0.4", vars());
            default -> reply(x, 404, "text/plain", "Not Found\n");
        }
    }

    private void readiness(HttpExchange x) throws IOException {
        String reason = node.notReady();
        if (reason == null) {
            reply(x, 200, "application/json", "{\n}");
        } else {
            reply(x, 503, "application/json", "{\n  \"error\": \"node is not ready\",\n  \"code\": 14,\n  \"message\": \""
                    + reason.replace("\"", "'") + "\",\n  \"details\": [\n  ]\n}");
        }
    }

    private String details() {
        return "{\n  \"nodeId\": " + node.id() + ",\n  \"buildInfo\": {\n    \"tag\": \"" + node.release().tag() + "\"\n  }\n}";
    }

    private String vars() {
        StringBuilder b = new StringBuilder();
        Optional<ClusterView> view = node.view();
        int live = view.map(ClusterView::liveNodes).orElse(0);
        b.append("# HELP liveness_livenodes Number of live nodes in the cluster (will be 0 if this node is not itself live)\n");
        b.append("# TYPE liveness_livenodes gauge\n");
        b.append("liveness_livenodes ").append(live).append('\n');
        if (view.isPresent()) {
            ClusterView v = view.get();
            int id = node.id();
            NodeRecord me = v.state().nodes().get(id);
            gauge(b, "ranges", "Number of ranges", id, me == null ? 0 : v.replicas(me));
            gauge(b, "replicas", "Number of replicas", id, me == null ? 0 : v.replicas(me));
            gauge(b, "ranges_underreplicated", "Number of ranges with fewer live replicas than the replication target",
                    id, v.underReplicatedOn(id));
            gauge(b, "ranges_unavailable", "Number of ranges with fewer live replicas than needed for quorum", id,
                    v.unavailableOn(id));
        }
        b.append("# HELP security_certificate_expiration_ca Expiration for the CA certificate. 0 means no certificate or error.\n");
        b.append("# TYPE security_certificate_expiration_ca gauge\nsecurity_certificate_expiration_ca 0\n");
        b.append("# HELP security_certificate_expiration_node Expiration for the node certificate. 0 means no certificate or error.\n");
        b.append("# TYPE security_certificate_expiration_node gauge\nsecurity_certificate_expiration_node 0\n");
        return b.toString();
    }

    private static void gauge(StringBuilder b, String name, String help, int store, int value) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
        b.append(name).append("{store=\"").append(store).append("\"} ").append(value).append('\n');
    }

    private static void reply(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
