package org.cockroachdb.mesos.http.stub;

import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cockroachdb.mesos.http.RecordIo;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * One open response stream of the stub server. The test queues writes; the Jetty handler thread
 * performs them in order, each flushed as its own HTTP chunk, until the test ends or aborts it.
 */
public final class StubStream {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private sealed interface Command {}

    private record Write(byte[] bytes, CompletableFuture<Void> done) implements Command {}

    private record End(boolean abort) implements Command {}

    private final RecordedRequest request;
    private final LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    private volatile boolean finished;

    StubStream(RecordedRequest request) {
        this.request = request;
    }

    /** The SUBSCRIBE request that opened this stream. */
    public RecordedRequest request() {
        return request;
    }

    /** Writes one event as a RecordIO record in one chunk and waits until it is written. */
    public StubStream send(MessageLite event) {
        write(RecordIo.encode(event.toByteArray()));
        return this;
    }

    /** Writes raw bytes in one chunk (framing is the caller's business). */
    public StubStream write(byte[] bytes) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Write write = new Write(bytes, done);
        commands.add(write);
        long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
        while (true) {
            try {
                done.get(20, TimeUnit.MILLISECONDS);
                return this;
            } catch (ExecutionException e) {
                throw new IllegalStateException("the stub could not write: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (TimeoutException e) {
                if (finished && commands.remove(write)) {
                    throw new IllegalStateException("the stream has already finished");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the stub did not write in time");
                }
            }
        }
    }

    /** Frames all events back to back, then writes them cut at random places, one flushed chunk per piece. */
    public StubStream sendSplitAtRandom(Iterable<? extends MessageLite> events, Random random, int maxPiece) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (MessageLite event : events) {
            all.writeBytes(RecordIo.encode(event.toByteArray()));
        }
        byte[] bytes = all.toByteArray();
        for (int i = 0; i < bytes.length; ) {
            int n = Math.min(bytes.length - i, 1 + random.nextInt(maxPiece));
            byte[] piece = new byte[n];
            System.arraycopy(bytes, i, piece, 0, n);
            write(piece);
            i += n;
        }
        return this;
    }

    /**
     * Sends {@code probe} and says whether the write still succeeded. Once the client has closed
     * its end, the first write may still land in a socket buffer, so callers poll this until false.
     */
    public boolean stillConnectedAfterSending(MessageLite probe) {
        if (finished) {
            return false;
        }
        try {
            send(probe);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Ends the response cleanly (terminal chunk): the client sees EOF. */
    public void end() {
        commands.add(new End(false));
    }

    /** Drops the connection mid-stream: the client sees a broken stream. */
    public void abort() {
        commands.add(new End(true));
    }

    public boolean isFinished() {
        return finished;
    }

    /** Runs on the Jetty handler thread until the stream ends; completes the response. */
    void serve(Response response, Callback callback) {
        try {
            flush(response, false, new byte[0]); // commit the headers now, as Mesos does, before any event
            while (true) {
                Command command = commands.take();
                if (command instanceof End end) {
                    if (end.abort()) {
                        callback.failed(new IOException("stream aborted by the test"));
                    } else {
                        flush(response, true, new byte[0]);
                        callback.succeeded();
                    }
                    return;
                }
                Write write = (Write) command;
                try {
                    flush(response, false, write.bytes());
                    write.done().complete(null);
                } catch (IOException e) {
                    write.done().completeExceptionally(e);
                    callback.failed(e);
                    return;
                }
            }
        } catch (InterruptedException e) {
            callback.failed(e);
        } catch (IOException e) {
            callback.failed(e);
        } finally {
            finished = true;
            Command left;
            while ((left = commands.poll()) != null) {
                if (left instanceof Write w) {
                    w.done().completeExceptionally(new IOException("stream already finished"));
                }
            }
        }
    }

    private static void flush(Response response, boolean last, byte[] bytes) throws IOException {
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(bytes), written);
            written.block();
        }
    }
}
