package org.cockroachdb.mesos.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs to a Mesos v1 endpoint over HTTP/1.1 (the JDK client would otherwise try an h2c upgrade,
 * which Mesos does not speak). Plain calls come back as {@link CallResult}s; SUBSCRIBE-style calls
 * open an {@link EventStream}.
 */
public final class MesosHttpClient {
    /** Mesos's own client waits about as long as 5 heartbeats for an answer. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(75);

    private final HttpClient http;
    private final Duration requestTimeout;

    public MesosHttpClient() {
        this(DEFAULT_REQUEST_TIMEOUT);
    }

    public MesosHttpClient(Duration requestTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
    }

    /** A protobuf call: {@code Content-Type} and {@code Accept} both {@code application/x-protobuf}. */
    public CallResult post(URI endpoint, byte[] protobufCall, String streamId) {
        return post(endpoint, protobufCall, headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, streamId));
    }

    /** A call with exactly the headers given (null values are left out), for conformance tests. */
    public CallResult post(URI endpoint, byte[] body, Map<String, String> headers) {
        HttpRequest request = request(endpoint, body, headers);
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return CallResult.of(endpoint, response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (HttpTimeoutException e) {
            return new CallResult.Unreachable(endpoint, "no answer within " + requestTimeout.toSeconds() + " s");
        } catch (IOException e) {
            return new CallResult.Unreachable(endpoint, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallResult.Unreachable(endpoint, "interrupted");
        }
    }

    /**
     * Opens a streaming call. A 200 gives an {@link EventStream}; anything else gives the
     * {@link CallResult} that explains why not.
     */
    public <E> StreamOpening<E> openStream(URI endpoint, byte[] body, Map<String, String> headers,
                                           EventStream.RecordParser<E> parser, int maxRecordBytes) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .headers(flatten(headers))
                .build(); // no request timeout: the stream is meant to stay open; the watchdog guards it
        EventStream<E> stream = new EventStream<>(parser, maxRecordBytes);
        CompletableFuture<HttpResponse.ResponseInfo> headersArrived = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request, info -> {
            headersArrived.complete(info);
            if (info.statusCode() == 200) {
                return HttpResponse.BodySubscribers.mapping(
                        HttpResponse.BodySubscribers.fromSubscriber(stream.subscriber()), ignored -> new byte[0]);
            }
            return HttpResponse.BodySubscribers.ofByteArray();
        });
        sent.whenComplete((r, e) -> {
            if (e != null) {
                headersArrived.completeExceptionally(e);
                stream.failed(e);
            }
        });
        try {
            HttpResponse.ResponseInfo info = CompletableFuture.anyOf(headersArrived, sent)
                    .thenCompose(x -> headersArrived)
                    .get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (info.statusCode() == 200) {
                String streamId = info.headers().firstValue(MediaTypes.STREAM_ID_HEADER).orElse(null);
                String contentType = info.headers().firstValue("Content-Type").orElse(null);
                stream.opened(streamId, contentType, sent);
                return new StreamOpening.Opened<>(stream);
            }
            HttpResponse<byte[]> response = sent.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return new StreamOpening.Refused<>(CallResult.of(endpoint, response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null)));
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new StreamOpening.Refused<>(new CallResult.Unreachable(endpoint,
                    "no answer within " + requestTimeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            return new StreamOpening.Refused<>(new CallResult.Unreachable(endpoint, describe(e.getCause())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            return new StreamOpening.Refused<>(new CallResult.Unreachable(endpoint, "interrupted"));
        }
    }

    /** The headers a protobuf client sends; {@code streamId} may be null (SUBSCRIBE). */
    public static Map<String, String> headers(String contentType, String accept, String streamId) {
        java.util.LinkedHashMap<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Content-Type", contentType);
        h.put("Accept", accept);
        h.put(MediaTypes.STREAM_ID_HEADER, streamId);
        return h;
    }

    private HttpRequest request(URI endpoint, byte[] body, Map<String, String> headers) {
        return HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .headers(flatten(headers))
                .build();
    }

    private static String[] flatten(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
    }

    static String describe(Throwable e) {
        Throwable root = e;
        boolean connectFailed = e instanceof ConnectException;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            // The JDK client wraps its ConnectException around a ClosedChannelException: look along the chain.
            connectFailed |= root instanceof ConnectException;
        }
        if (connectFailed) {
            return "connection refused";
        }
        return Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
    }

    /** The outcome of opening a stream. */
    public sealed interface StreamOpening<E> {
        record Opened<E>(EventStream<E> stream) implements StreamOpening<E> {}

        record Refused<E>(CallResult result) implements StreamOpening<E> {}
    }
}
