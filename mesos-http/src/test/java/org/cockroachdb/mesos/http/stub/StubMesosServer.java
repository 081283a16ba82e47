package org.cockroachdb.mesos.http.stub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cockroachdb.mesos.http.MediaTypes;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A tiny Mesos master (or agent) on 127.0.0.1 whose answers each test scripts: a function from
 * the recorded request to a {@link Reply}. Streams it opens are handed to the test through
 * {@link #nextStream()}.
 */
public final class StubMesosServer implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<StubStream> openedStreams = new LinkedBlockingQueue<>();
    private final List<StubStream> allStreams = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedRequest, Reply> responder;
    private final CountDownLatch closing = new CountDownLatch(1);

    private StubMesosServer(Function<RecordedRequest, Reply> responder) {
        this.responder = responder;
    }

    public static StubMesosServer start(Function<RecordedRequest, Reply> responder) {
        StubMesosServer stub = new StubMesosServer(responder);
        stub.connector.setHost("127.0.0.1");
        stub.connector.setPort(0);
        stub.server.addConnector(stub.connector);
        stub.server.setStopTimeout(0); // no graceful wait for idle keep-alive connections
        stub.server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                stub.serve(request, response, callback);
                return true;
            }
        });
        try {
            stub.server.start();
        } catch (Exception e) {
            throw new IllegalStateException("stub server did not start", e);
        }
        return stub;
    }

    /** Replaces the script, e.g. to turn a non-leader into the leader. */
    public void respondWith(Function<RecordedRequest, Reply> responder) {
        this.responder = responder;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}, what a detector reports. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The next stream this server opened, waiting for it if needed. */
    public StubStream nextStream() {
        try {
            StubStream stream = openedStreams.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (stream == null) {
                throw new AssertionError("no stream was opened within " + WAIT.toSeconds() + " s; requests: "
                        + requests.stream().map(r -> r.method() + " " + r.path()).toList());
            }
            return stream;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        allStreams.forEach(StubStream::end);
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stub server did not stop", e);
        }
    }

    private void serve(Request request, Response response, Callback callback) throws IOException {
        RecordedRequest recorded = record(request);
        requests.add(recorded);
        Reply reply = responder.apply(recorded);
        if (reply instanceof Reply.Silence) {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            callback.failed(new IOException("stub closed without answering"));
            return;
        }
        if (reply instanceof Reply.Stream stream) {
            response.setStatus(200);
            response.getHeaders().put("Content-Type", stream.contentType());
            if (stream.streamId() != null) {
                response.getHeaders().put(MediaTypes.STREAM_ID_HEADER, stream.streamId());
            }
            StubStream opened = new StubStream(recorded);
            allStreams.add(opened);
            openedStreams.add(opened);
            opened.serve(response, callback); // blocks this Jetty thread until the test ends the stream
            return;
        }
        Reply.Plain plain = (Reply.Plain) reply;
        response.setStatus(plain.status());
        plain.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(plain.body().getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static RecordedRequest record(Request request) throws IOException {
        long receivedNanos = System.nanoTime();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
        }
        byte[] body;
        try (InputStream in = Request.asInputStream(request)) {
            body = in.readAllBytes();
        }
        return new RecordedRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getConnectionMetaData().getProtocol(), headers, body, receivedNanos);
    }
}
