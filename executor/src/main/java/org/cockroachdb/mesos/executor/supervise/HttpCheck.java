package org.cockroachdb.mesos.executor.supervise;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** One HTTP GET against the node's HTTP port; 200 passes, anything else fails with a one-line reason. */
final class HttpCheck {
    private final HttpClient client;

    HttpCheck(Duration connectTimeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What one check found; {@code statusCode} is 0 when no HTTP answer came. */
    record Result(int statusCode, String error) {
        boolean passed() {
            return statusCode == 200;
        }
    }

    CompletableFuture<Result> get(URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure == null) {
                        int code = response.statusCode();
                        return new Result(code, code == 200 ? "" : "GET " + uri + " answered " + code);
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    return new Result(0, "GET " + uri + ": " + describe(cause, timeout));
                });
    }

    private static String describe(Throwable cause, Duration timeout) {
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
