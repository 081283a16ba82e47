package org.cockroachdb.mesos.scheduler.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The scheduler's HTTP API on Jetty. Every read takes the current {@link ServiceView} from the
 * supplier once, so answers always come from one consistent snapshot; every command goes to
 * {@link Commands}, so the API never touches the event loop's state.
 */
public final class ApiServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private ApiServer(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /** Read-only: serves the view; every command answers 503 {@code commands are not available}. */
    public static ApiServer start(String host, int port, Supplier<ServiceView> view) {
        return start(host, port, view, Commands.unavailable());
    }

    /**
     * Listens on {@code host:port} (port 0 = any free port) and serves until {@link #close()};
     * commands go to {@code commands}, and a command not answered within 10 s is a 503.
     */
    public static ApiServer start(String host, int port, Supplier<ServiceView> view, Commands commands) {
        return start(host, port, view, commands, CommandWait.DEFAULT_TIMEOUT);
    }

    static ApiServer start(String host, int port, Supplier<ServiceView> view, Commands commands,
                           Duration commandTimeout) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(commands, "commands");
        CommandWait wait = new CommandWait(commandTimeout);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("API port must be 0..65535 (0 = any free port), got " + port);
        }
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("api");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Let "//" and "%2F" through to the router, which refuses them naming the path parameter
        // instead of a generic 400.
        http.setUriCompliance(UriCompliance.DEFAULT.with("api",
                UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        // One acceptor and one selector: a handful of operators and health checks, not a web site.
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(new Dispatch(Routes.v1(commands, wait), view)));
        server.setErrorHandler(new PlainTextErrors());
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("cannot start the API on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new ApiServer(server, connector, host);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The base address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the API: " + e.getMessage(), e);
        }
    }
}
