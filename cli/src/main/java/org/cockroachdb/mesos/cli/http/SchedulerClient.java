package org.cockroachdb.mesos.cli.http;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.cockroachdb.mesos.cli.CliFailure;

/**
 * GET and POST against the scheduler's API. Any HTTP status is an {@link Answer}; nothing
 * answering is a {@link CliFailure} naming the URL. With {@code verbose}, each request's method,
 * URL and status go to {@code log} (never headers or bodies: they may carry credentials).
 */
public final class SchedulerClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Target target;
    private final HttpClient http;
    private final boolean verbose;
    private final PrintStream log;

    public SchedulerClient(Target target, boolean verbose, PrintStream log) {
        this.target = target;
        this.verbose = verbose;
        this.log = log;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        TlsContexts.of(target.tls()).ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    public Target target() {
        return target;
    }

    public Answer get(String path) {
        return send(request(path).GET().build());
    }

    /** A POST with a JSON body, or an empty one when {@code json} is null. */
    public Answer post(String path, String json) {
        HttpRequest.Builder request = request(path);
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        target.token().ifPresent(t -> request.header("Authorization", "token=" + t));
        return request;
    }

    private Answer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(request, "timed out connecting after " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw unreachable(request, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable(request, "connection refused");
        } catch (SSLException e) {
            throw unreachable(request, "TLS failed (" + e.getMessage() + "); set DCOS_TLS_CA_PATH to the cluster's"
                    + " CA certificate, or DCOS_TLS_INSECURE=true to skip the check");
        } catch (IOException e) {
            throw unreachable(request, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(request, "interrupted");
        }
        if (verbose) {
            log.println(request.method() + " " + request.uri() + " -> " + response.statusCode());
        }
        return new Answer(request.method(), request.uri(), response.statusCode(), response.body());
    }

    private CliFailure unreachable(HttpRequest request, String why) {
        if (verbose) {
            log.println(request.method() + " " + request.uri() + " -> " + why);
        }
        return CliFailure.refused("cannot reach " + request.uri() + ": " + why);
    }
}
