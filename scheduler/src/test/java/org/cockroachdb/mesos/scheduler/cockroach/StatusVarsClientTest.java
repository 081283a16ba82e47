package org.cockroachdb.mesos.scheduler.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against real HTTP servers on loopback: answering, refusing, failing and hanging. */
class StatusVarsClientTest {

    private static final String VARS = """
            # HELP liveness_livenodes Number of live nodes in the cluster
            # TYPE liveness_livenodes gauge
            liveness_livenodes 3
            ranges_underreplicated{store="2"} 4
            ranges_unavailable{store="2"} 0
            """;

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/_status/vars", x -> reply(x, 200, VARS));
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private NodeHttpAddress here(String node) {
        return new NodeHttpAddress(node, "127.0.0.1", server.getAddress().getPort());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void readsEveryNodeInOrderAndReportsTheOnesThatAreDown() throws Exception {
        StatusVarsClient client = new StatusVarsClient();
        List<NodeHttpAddress> nodes = List.of(here("cockroachdb-0"),
                new NodeHttpAddress("cockroachdb-1", "127.0.0.1", closedPort()), here("cockroachdb-2"));

        List<NodeVars> read = client.fetchAll(nodes).get(10, TimeUnit.SECONDS);

        assertThat(read).extracting(NodeVars::node).containsExactly("cockroachdb-0", "cockroachdb-1", "cockroachdb-2");
        assertThat(read.get(0)).isEqualTo(NodeVars.read("cockroachdb-0", StatusVars.parse(VARS)));
        assertThat(read.get(0).vars().flatMap(StatusVars::underReplicated)).contains(4L);
        assertThat(read.get(1)).isEqualTo(new NodeVars("cockroachdb-1", Optional.empty(), "connection refused"));
        assertThat(read.get(2).vars()).isPresent();
    }

    @Test
    void anErrorStatusIsAnUnreadableNode() throws Exception {
        server.removeContext("/_status/vars");
        server.createContext("/_status/vars", x -> reply(x, 503, "{\"error\":\"node is not ready\"}"));

        NodeVars read = new StatusVarsClient().fetch(here("cockroachdb-0")).get(10, TimeUnit.SECONDS);

        assertThat(read).isEqualTo(NodeVars.unreachable("cockroachdb-0", "HTTP 503 from /_status/vars"));
    }

    @Test
    void aNodeThatNeverAnswersTimesOutInsteadOfHoldingTheGate() throws Exception {
        server.removeContext("/_status/vars");
        server.createContext("/_status/vars", x -> {
            try {
                release.await(30, TimeUnit.SECONDS); // answers only when the test is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(x, 200, VARS);
        });
        StatusVarsClient client = new StatusVarsClient(Duration.ofMillis(300));

        List<NodeVars> read = client.fetchAll(List.of(here("cockroachdb-0"), here("cockroachdb-1")))
                .get(10, TimeUnit.SECONDS);

        assertThat(read).containsExactly(NodeVars.unreachable("cockroachdb-0", "no answer within 0.3s"),
                NodeVars.unreachable("cockroachdb-1", "no answer within 0.3s"));
    }

    @Test
    void everyNodeIsAskedAtOnce() throws Exception {
        CountDownLatch arrived = new CountDownLatch(2);
        server.removeContext("/_status/vars");
        server.createContext("/_status/vars", x -> {
            arrived.countDown();
            try {
                // answers only once both requests are in: asked one after the other, the first would time out
                arrived.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(x, 200, VARS);
        });
        StatusVarsClient client = new StatusVarsClient(Duration.ofSeconds(10));

        List<NodeVars> read = client.fetchAll(List.of(here("cockroachdb-0"), here("cockroachdb-1")))
                .get(30, TimeUnit.SECONDS);

        assertThat(read).extracting(NodeVars::error).containsExactly("", "");
        assertThat(read).allSatisfy(n -> assertThat(n.vars()).contains(StatusVars.parse(VARS)));
    }

    @Test
    void anEmptyListIsAnEmptyReading() throws Exception {
        assertThat(new StatusVarsClient().fetchAll(List.of()).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void addressesRefuseNonsenseNamingTheField() {
        assertThatThrownBy(() -> new NodeHttpAddress("cockroachdb-0", "10.0.0.1", 0))
                .hasMessage("httpPort of cockroachdb-0 must be 1-65535, got 0");
        assertThatThrownBy(() -> new NodeHttpAddress("cockroachdb-0", "evil/host", 8080))
                .hasMessage("host of cockroachdb-0 must be a host name or IP address, got 'evil/host'");
        assertThatThrownBy(() -> new NodeHttpAddress(" ", "10.0.0.1", 8080))
                .hasMessage("node must be a pod name like cockroachdb-0, got ' '");
        assertThatThrownBy(() -> new StatusVarsClient(Duration.ZERO))
                .hasMessage("timeout must be a positive duration, got PT0S");
        assertThat(new NodeHttpAddress("cockroachdb-0", "::1", 8080).statusVars())
                .hasToString("http://[::1]:8080/_status/vars");
    }
}
