package org.cockroachdb.mesos.testkit.emulator.conformance;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.EventStream;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.RecordIo;
import org.cockroachdb.mesos.http.MesosUuid;

/**
 * The test playing a custom executor on the agent's v1 executor API: the agent started a process
 * that never subscribes, and this client subscribes in its place with the same IDs.
 */
final class TestExecutor implements AutoCloseable {
    final MesosHttpClient http = new MesosHttpClient(Duration.ofSeconds(20));
    final URI endpoint;
    final FrameworkID frameworkId;
    final ExecutorID executorId;
    private EventStream<Event> stream;
    private final LinkedBlockingQueue<Event> unread = new LinkedBlockingQueue<>();
    private Thread reader;

    TestExecutor(URI agentEndpoint, String frameworkId, String executorId) {
        this.endpoint = agentEndpoint.resolve("/api/v1/executor");
        this.frameworkId = FrameworkID.newBuilder().setValue(frameworkId).build();
        this.executorId = ExecutorID.newBuilder().setValue(executorId).build();
    }

    Call.Builder call(Call.Type type) {
        return Call.newBuilder().setType(type).setFrameworkId(frameworkId).setExecutorId(executorId);
    }

    CallResult post(Call.Builder call) {
        return http.post(endpoint, call.build().toByteArray(), (String) null);
    }

    /** Subscribes (replaying what it is given) and returns the SUBSCRIBED event. */
    Event subscribe(List<TaskInfo> unacknowledgedTasks, List<Call.Update> unacknowledgedUpdates) {
        close();
        Call subscribe = call(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
                .addAllUnacknowledgedTasks(unacknowledgedTasks).addAllUnacknowledgedUpdates(unacknowledgedUpdates)).build();
        MesosHttpClient.StreamOpening<Event> opening = http.openStream(endpoint, subscribe.toByteArray(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null), Event::parseFrom,
                RecordIo.DEFAULT_MAX_RECORD_BYTES);
        if (!(opening instanceof MesosHttpClient.StreamOpening.Opened<Event> opened)) {
            throw new AssertionError("executor SUBSCRIBE refused: " + ((MesosHttpClient.StreamOpening.Refused<Event>) opening).result());
        }
        stream = opened.stream();
        unread.clear();
        EventStream<Event> mine = stream;
        reader = new Thread(() -> {
            try {
                while (true) {
                    mine.poll(Duration.ofMillis(200)).ifPresent(unread::add);
                }
            } catch (IOException e) {
                // stream over
            }
        }, "test-executor-reader");
        reader.setDaemon(true);
        reader.start();
        return next(e -> e.getType() == Event.Type.SUBSCRIBED);
    }

    Event subscribe() {
        return subscribe(List.of(), List.of());
    }

    Event next(Predicate<Event> wanted) {
        long deadline = System.nanoTime() + TestScheduler.WAIT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event e = left > 0 ? unread.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    throw new AssertionError("executor: no matching event within " + TestScheduler.WAIT);
                }
                if (wanted.test(e)) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Event next(Event.Type type) {
        return next(e -> e.getType() == type);
    }

    Optional<Event> maybeNext(Event.Type type, Duration timeout) {
        try {
            Event e;
            long deadline = System.nanoTime() + timeout.toNanos();
            while ((e = unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (e.getType() == type) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Call.Update update(String taskId, TaskState state) {
        return Call.Update.newBuilder().setStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId))
                .setState(state).setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(MesosUuid.random())).build();
    }

    CallResult send(Call.Update update) {
        return post(call(Call.Type.UPDATE).setUpdate(update));
    }

    static ByteString uuidOf(Call.Update update) {
        return update.getStatus().getUuid();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        if (reader != null) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
