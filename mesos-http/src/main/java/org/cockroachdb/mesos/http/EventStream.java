package org.cockroachdb.mesos.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open Mesos event stream (scheduler or executor SUBSCRIBE). Bytes are decoded as they arrive,
 * on the HTTP client's threads, into a queue the owner reads with {@link #poll}. Nothing here ever
 * blocks on the socket, so {@link #close} always returns at once.
 */
public final class EventStream<E> implements AutoCloseable {

    /** Turns one RecordIO record into an event. */
    @FunctionalInterface
    public interface RecordParser<E> {
        E parse(byte[] record) throws IOException;
    }

    private static final Object END = new Object();

    private final RecordParser<E> parser;
    private final RecordIoDecoder decoder;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile long lastBytesNanos = System.nanoTime();
    private volatile IOException failure;
    private volatile boolean ended;
    private volatile String streamId;
    private volatile String contentType;
    private volatile CompletableFuture<?> exchange;

    EventStream(RecordParser<E> parser, int maxRecordBytes) {
        this.parser = parser;
        this.decoder = new RecordIoDecoder(maxRecordBytes);
    }

    /** The {@code Mesos-Stream-Id} the master gave this stream (null on the executor API). */
    public String streamId() {
        return streamId;
    }

    /** The {@code Content-Type} of the stream, i.e. the encoding the server chose. */
    public String contentType() {
        return contentType;
    }

    /** Time since any byte arrived (or the headers, if no byte yet), heartbeats included: the watchdog's input. */
    public Duration sinceLastBytes() {
        return Duration.ofNanos(System.nanoTime() - lastBytesNanos);
    }

    /**
     * The next event, waiting up to {@code timeout}; empty if none came in time.
     *
     * @throws EOFException when the server closed the stream and every event has been read
     * @throws IOException  when the stream broke (truncated record, bad length, connection reset)
     */
    public Optional<E> poll(Duration timeout) throws IOException {
        Object item;
        try {
            item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for an event");
        }
        if (item == null) {
            return Optional.empty();
        }
        if (item == END) {
            queue.offer(END); // stay ended for later callers
            if (failure != null) {
                throw failure;
            }
            throw new EOFException("the server closed the event stream");
        }
        @SuppressWarnings("unchecked")
        E event = (E) item;
        return Optional.of(event);
    }

    /** True once the stream has ended (closed, failed, or EOF), even if events are still queued. */
    public boolean isEnded() {
        return ended;
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<?> x = exchange;
        if (x != null) {
            x.cancel(true);
        }
        end(null);
    }

    void opened(String streamId, String contentType, CompletableFuture<?> exchange) {
        // A master slow to answer SUBSCRIBE has not been silent on an open stream: the clock starts now.
        this.lastBytesNanos = System.nanoTime();
        this.streamId = streamId;
        this.contentType = contentType;
        this.exchange = exchange;
    }

    void failed(Throwable e) {
        end(e instanceof IOException io ? io : new IOException(MesosHttpClient.describe(e), e));
    }

    private synchronized void end(IOException cause) {
        if (ended) {
            return;
        }
        ended = true;
        failure = cause;
        queue.offer(END);
    }

    Flow.Subscriber<List<ByteBuffer>> subscriber() {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (ended) {
                    s.cancel();
                } else {
                    s.request(1);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                lastBytesNanos = System.nanoTime();
                try {
                    for (ByteBuffer buffer : buffers) {
                        byte[] bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        for (byte[] record : decoder.feed(bytes)) {
                            queue.offer(parser.parse(record));
                        }
                    }
                } catch (IOException e) {
                    subscription.cancel();
                    end(e);
                    return;
                }
                if (!ended) {
                    subscription.request(1);
                }
            }

            @Override
            public void onError(Throwable e) {
                failed(e);
            }

            @Override
            public void onComplete() {
                try {
                    decoder.finish();
                    end(null);
                } catch (RecordIoException e) {
                    end(e);
                }
            }
        };
    }

    /** For handlers that want a plain {@link HttpResponse.BodySubscriber}. */
    HttpResponse.BodySubscriber<Void> bodySubscriber() {
        return HttpResponse.BodySubscribers.fromSubscriber(subscriber());
    }
}
