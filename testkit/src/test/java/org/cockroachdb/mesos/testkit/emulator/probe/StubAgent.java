package org.cockroachdb.mesos.testkit.emulator.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.RecordIo;

/**
 * Just enough of an agent's {@code /api/v1/executor} to drive one probe executor: SUBSCRIBE gets a
 * chunked RecordIO stream starting with SUBSCRIBED; each UPDATE is recorded, answered 202 and (unless
 * told otherwise) acknowledged on the stream. Tests push LAUNCH, KILL and SHUTDOWN through it.
 */
final class StubAgent implements AutoCloseable {
    static final FrameworkID FRAMEWORK_ID = FrameworkID.newBuilder().setValue("stub-master-0000").build();
    static final ExecutorID EXECUTOR_ID = ExecutorID.newBuilder().setValue("probe-executor").build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<FrameworkInfo.Capability.Type> capabilities;
    private final List<Call.Subscribe> subscriptions = new CopyOnWriteArrayList<>();
    private final List<TaskStatus> updates = new CopyOnWriteArrayList<>();
    private final List<TaskStatus> acknowledged = new CopyOnWriteArrayList<>();
    private volatile boolean acknowledging = true;
    private OutputStream stream; // guarded by this

    private StubAgent(List<FrameworkInfo.Capability.Type> capabilities) throws IOException {
        this.capabilities = capabilities;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/executor", this::serve);
        server.setExecutor(threads); // a subscriber's exchange stays open, so handlers need their own threads
        server.start();
    }

    static StubAgent start(FrameworkInfo.Capability.Type... capabilities) throws IOException {
        return new StubAgent(List.of(capabilities));
    }

    /** {@code ip:port}, as in {@code MESOS_AGENT_ENDPOINT}. */
    String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call.Subscribe> subscriptions() {
        return subscriptions;
    }

    List<TaskStatus> updates() {
        return updates;
    }

    /** The updates whose ACKNOWLEDGED has been written to the stream. */
    List<TaskStatus> acknowledged() {
        return acknowledged;
    }

    List<TaskState> states() {
        return updates.stream().map(TaskStatus::getState).toList();
    }

    /** From now on UPDATEs are recorded and answered 202, but never ACKNOWLEDGED. */
    void stopAcknowledging() {
        acknowledging = false;
    }

    void launch(TaskInfo task) {
        send(Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task)).build());
    }

    void kill(TaskID task) {
        send(Event.newBuilder().setType(Event.Type.KILL).setKill(Event.Kill.newBuilder().setTaskId(task)).build());
    }

    void shutdown() {
        send(Event.newBuilder().setType(Event.Type.SHUTDOWN).build());
    }

    /** Ends the current event stream cleanly, as an agent restart would. */
    synchronized void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the executor went away first; the stream is just as closed
            }
            stream = null;
        }
    }

    synchronized void send(Event event) {
        if (stream == null) {
            throw new IllegalStateException("no executor is subscribed");
        }
        try {
            stream.write(RecordIo.encode(event.toByteArray()));
            stream.flush();
        } catch (IOException e) {
            stream = null;
            throw new IllegalStateException("the executor's stream is gone: " + e.getMessage(), e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        Call call;
        try {
            call = Call.parseFrom(exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            answer(exchange, 400);
            return;
        }
        switch (call.getType()) {
            case SUBSCRIBE -> subscribe(exchange, call.getSubscribe());
            case UPDATE -> {
                TaskStatus status = call.getUpdate().getStatus();
                updates.add(status);
                answer(exchange, 202);
                if (acknowledging) {
                    acknowledge(status);
                }
            }
            default -> answer(exchange, 202);
        }
    }

    private synchronized void subscribe(HttpExchange exchange, Call.Subscribe subscribe) throws IOException {
        closeStream(); // as in Mesos, a new SUBSCRIBE replaces the old stream
        exchange.getResponseHeaders().set("Content-Type", MediaTypes.PROTOBUF);
        exchange.sendResponseHeaders(200, 0); // 0 = chunked, open-ended
        stream = exchange.getResponseBody();
        send(subscribed());
        subscriptions.add(subscribe); // after SUBSCRIBED, so a test that saw it can send events at once
    }

    private void acknowledge(TaskStatus status) {
        try {
            send(Event.newBuilder()
                    .setType(Event.Type.ACKNOWLEDGED)
                    .setAcknowledged(Event.Acknowledged.newBuilder()
                            .setTaskId(status.getTaskId())
                            .setUuid(status.getUuid()))
                    .build());
            acknowledged.add(status);
        } catch (IllegalStateException e) {
            // the stream dropped between the UPDATE and its receipt; the executor replays the update
        }
    }

    private Event subscribed() {
        FrameworkInfo.Builder framework = FrameworkInfo.newBuilder()
                .setId(FRAMEWORK_ID)
                .setUser("nobody")
                .setName("probe test");
        capabilities.forEach(c -> framework.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(c)));
        return Event.newBuilder()
                .setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setExecutorInfo(ExecutorInfo.newBuilder().setExecutorId(EXECUTOR_ID))
                        .setFrameworkInfo(framework)
                        .setAgentInfo(AgentInfo.newBuilder()
                                .setHostname("127.0.0.1")
                                .setId(AgentID.newBuilder().setValue("stub-master-S0"))))
                .build();
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        closeStream();
        server.stop(0);
        threads.shutdownNow();
    }
}
