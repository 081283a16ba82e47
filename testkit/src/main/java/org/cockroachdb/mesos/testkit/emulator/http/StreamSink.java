package org.cockroachdb.mesos.testkit.emulator.http;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.cockroachdb.mesos.http.RecordIo;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The write side of one event stream: a chunked HTTP response that stays open. Records are queued
 * and written one at a time (Jetty allows one outstanding write per response); a failed write or a
 * closed connection ends the sink and runs {@code onClosed} once.
 */
public final class StreamSink {
    private final Response response;
    private final Callback done;
    private final Deque<ByteBuffer> pending = new ArrayDeque<>();
    private boolean writing;
    private boolean closing;
    private boolean closed;
    private Runnable onClosed = () -> {};

    public StreamSink(Response response, Callback done) {
        this.response = response;
        this.done = done;
    }

    public synchronized void onClosed(Runnable callback) {
        this.onClosed = callback;
        if (closed) {
            callback.run();
        }
    }

    /** Queues one already-encoded event; it is framed as a RecordIO record here. */
    public synchronized void send(byte[] event) {
        if (closed || closing) {
            return;
        }
        pending.add(ByteBuffer.wrap(RecordIo.encode(event)));
        pump();
    }

    /** Ends the response cleanly after what is queued. */
    public synchronized void close() {
        if (closed || closing) {
            return;
        }
        closing = true;
        pump();
    }

    /** Ends at once without flushing: what a crashed master or a cut network looks like. */
    public void abort() {
        Runnable callback;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending.clear();
            callback = onClosed;
        }
        done.failed(new java.io.IOException("stream aborted by the emulator"));
        callback.run();
    }

    public synchronized boolean isOpen() {
        return !closed && !closing;
    }

    private void pump() {
        if (writing || closed) {
            return;
        }
        ByteBuffer next = pending.poll();
        if (next == null) {
            if (closing) {
                writing = true;
                response.write(true, ByteBuffer.allocate(0), Callback.from(() -> finish(null), this::finish));
            }
            return;
        }
        writing = true;
        response.write(false, next, Callback.from(this::written, this::finish));
    }

    private synchronized void written() {
        writing = false;
        pump();
    }

    private void finish(Throwable failure) {
        Runnable callback;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            writing = false;
            pending.clear();
            callback = onClosed;
        }
        if (failure == null) {
            done.succeeded();
        } else {
            done.failed(failure);
        }
        callback.run();
    }
}
