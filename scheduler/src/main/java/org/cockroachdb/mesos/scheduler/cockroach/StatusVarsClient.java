package org.cockroachdb.mesos.scheduler.cockroach;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@code /_status/vars} from every node at once, without blocking the caller: the scheduler's
 * event loop hands the future's result back to itself as an event. A node that is down, slow or
 * answering garbage becomes a {@link NodeVars} saying so; the future never fails on its account.
 *
 * <p>Plain HTTP only: the nodes run {@code --insecure} today; secure mode needs the cluster CA here.
 */
public final class StatusVarsClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final Duration timeout;

    public StatusVarsClient() {
        this(DEFAULT_TIMEOUT);
    }

    public StatusVarsClient(Duration timeout) {
        this(HttpClient.newBuilder().connectTimeout(positive(timeout)).build(), timeout);
    }

    public StatusVarsClient(HttpClient http, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = positive(timeout);
    }

    /** One reading per address, in the same order; completes within about the timeout. */
    public CompletableFuture<List<NodeVars>> fetchAll(List<NodeHttpAddress> nodes) {
        List<CompletableFuture<NodeVars>> each = nodes.stream().map(this::fetch).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().map(CompletableFuture::join).toList());
    }

    /** One node's reading; never completes exceptionally. */
    public CompletableFuture<NodeVars> fetch(NodeHttpAddress node) {
        HttpRequest request = HttpRequest.newBuilder(node.statusVars()).timeout(timeout).GET().build();
        CompletableFuture<NodeVars> reading;
        try {
            reading = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> response.statusCode() == 200
                            ? NodeVars.read(node.node(), StatusVars.parse(response.body()))
                            : NodeVars.unreachable(node.node(), "HTTP " + response.statusCode() + " from /_status/vars"));
        } catch (RuntimeException e) {
            reading = CompletableFuture.failedFuture(e);
        }
        // The request timeout covers the headers only; a body that trickles must not hold the gate.
        return reading.orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .exceptionally(failure -> NodeVars.unreachable(node.node(), why(failure, timeout)));
    }

    /** One line an operator understands; the JDK often leaves the message of a refused connection empty. */
    static String why(Throwable failure, Duration timeout) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpConnectTimeoutException) {
                return "no connection within " + HealthGate.seconds(timeout);
            }
            if (c instanceof HttpTimeoutException || c instanceof TimeoutException) {
                return "no answer within " + HealthGate.seconds(timeout);
            }
            if (c instanceof ConnectException) {
                String m = c.getMessage();
                return m == null || m.isBlank() || m.toLowerCase(Locale.ROOT).contains("refused")
                        ? "connection refused" : m;
            }
            if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        String message = t.getMessage();
        String kind = t instanceof IOException ? "I/O error" : t.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message.lines().findFirst().orElse("");
    }

    private static Duration positive(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be a positive duration, got " + timeout);
        }
        return timeout;
    }
}
