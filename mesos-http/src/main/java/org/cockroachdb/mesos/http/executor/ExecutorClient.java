package org.cockroachdb.mesos.http.executor;

import com.google.protobuf.ByteString;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.http.Backoff;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.EventStream;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.MesosHttpClient.StreamOpening;
import org.cockroachdb.mesos.http.MesosUuid;
import org.cockroachdb.mesos.http.RecordIo;
import org.cockroachdb.mesos.http.SubscriptionThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's connection to its agent ({@code POST http://$MESOS_AGENT_ENDPOINT/api/v1/executor}).
 *
 * <p>Status updates are reliable the way Mesos wants them: each one gets a fresh UUID and
 * {@code source=SOURCE_EXECUTOR}, and is kept until the agent answers ACKNOWLEDGED with that UUID;
 * every SUBSCRIBE replays the kept updates and the launched tasks no update of which was
 * acknowledged yet. Updates reach the agent one at a time, in the order they were made, since the
 * agent forwards a task's updates in the order it receives them. If the agent goes away, a
 * checkpointing executor re-subscribes with backoff until {@code MESOS_RECOVERY_TIMEOUT};
 * otherwise the client gives up at once.
 */
public final class ExecutorClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClient.class);

    public static final String PATH = "/api/v1/executor";
    /** Nothing to watch for: the agent heartbeats executors only every 30 minutes. Just a poll slice. */
    private static final Duration POLL_SLICE = Duration.ofSeconds(30);

    private final ExecutorEnvironment env;
    private final ExecutorListener listener;
    private final MesosHttpClient http;
    private final Backoff backoff;
    private final int maxRecordBytes;
    private final URI endpoint;
    private final SubscriptionThread loop;

    /**
     * Held from storing an update until its POST is answered: each POST has its own connection, so
     * two updates posted at once could reach the agent in either order.
     */
    private final Object sending = new Object();
    /** Guards the two replay sets; updates may be sent from any thread while the loop reads events. */
    private final Object unacknowledgedLock = new Object();
    private final Map<ByteString, Call.Update> unacknowledgedUpdates = new LinkedHashMap<>();
    private final Map<String, TaskInfo> unacknowledgedTasks = new LinkedHashMap<>();
    /** The updates the SUBSCRIBE in flight replays; the ones made after it are posted on SUBSCRIBED. */
    private Set<ByteString> replayedBySubscribe = Set.of();

    private volatile boolean subscribed;
    private volatile EventStream<Event> stream;

    private ExecutorClient(Builder b) {
        this.env = b.env;
        this.listener = b.listener;
        this.http = b.http != null ? b.http : new MesosHttpClient();
        this.backoff = b.backoff != null ? b.backoff : defaultBackoff(env.subscriptionBackoffMax());
        this.maxRecordBytes = b.maxRecordBytes;
        this.endpoint = env.executorApi();
        this.loop = new SubscriptionThread("mesos-executor-subscription", this::run);
    }

    public static Builder builder(ExecutorEnvironment env, ExecutorListener listener) {
        return new Builder(env, listener);
    }

    /** Starts subscribing in the background; does nothing once {@link #close()} was called. */
    public void start() {
        loop.start();
    }

    /**
     * Sends a status update. The client fills in a fresh {@code uuid}, {@code source=SOURCE_EXECUTOR},
     * the executor id and (if unset) the timestamp, and clears {@code agent_id}, which the agent sets.
     * The update is kept for replay before it is sent, so even a failed POST is not lost; one the
     * agent refuses as invalid (a 4xx other than 403) is dropped, since replaying it cannot succeed.
     *
     * @return the agent's answer; {@link CallResult.Unreachable} "not subscribed" while the stream is down
     */
    public CallResult update(TaskStatus status) {
        TaskStatus.Builder stamped = status.toBuilder()
                .setUuid(MesosUuid.random())
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setExecutorId(env.executorIdProto())
                .clearAgentId();
        if (!stamped.hasTimestamp()) {
            stamped.setTimestamp(System.currentTimeMillis() / 1000.0);
        }
        Call.Update update = Call.Update.newBuilder().setStatus(stamped).build();
        synchronized (sending) {
            boolean postNow;
            synchronized (unacknowledgedLock) {
                unacknowledgedUpdates.put(update.getStatus().getUuid(), update);
                postNow = subscribed;
            }
            if (!postNow) {
                return new CallResult.Unreachable(endpoint, "not subscribed; the update is kept and sent on re-subscribe");
            }
            return postUpdate(update);
        }
    }

    /** Called with {@link #sending} held. */
    private CallResult postUpdate(Call.Update update) {
        CallResult result = post(call(Call.Type.UPDATE).setUpdate(update).build());
        // 403 means the agent has not seen our SUBSCRIBE yet: the update is replayed with it instead.
        if (result instanceof CallResult.Rejected rejected && rejected.status() != 403) {
            LOG.warn("The agent refused the update of task {} to {}: {}; it is dropped",
                    update.getStatus().getTaskId().getValue(), update.getStatus().getState(), result.describe());
            synchronized (unacknowledgedLock) {
                unacknowledgedUpdates.remove(update.getStatus().getUuid());
            }
        }
        return result;
    }

    /**
     * SUBSCRIBED: from now on updates are posted as they are made. Those made while the SUBSCRIBE
     * was in flight were kept but are not in its replay set, so they are posted now, in order.
     */
    private void onSubscribed() {
        synchronized (sending) {
            List<Call.Update> missed;
            synchronized (unacknowledgedLock) {
                subscribed = true;
                missed = unacknowledgedUpdates.entrySet().stream()
                        .filter(e -> !replayedBySubscribe.contains(e.getKey()))
                        .map(Map.Entry::getValue)
                        .toList();
            }
            missed.forEach(this::postUpdate);
        }
    }

    /** Sends framework-specific data to the scheduler (best effort, as in Mesos). */
    public CallResult message(byte[] data) {
        if (!subscribed) {
            return new CallResult.Unreachable(endpoint, "not subscribed");
        }
        return post(call(Call.Type.MESSAGE)
                .setMessage(Call.Message.newBuilder().setData(ByteString.copyFrom(data)))
                .build());
    }

    /** The updates the agent has not acknowledged yet, oldest first. */
    public List<TaskStatus> unacknowledgedUpdates() {
        synchronized (unacknowledgedLock) {
            return unacknowledgedUpdates.values().stream().map(Call.Update::getStatus).toList();
        }
    }

    /** Launched tasks for which no update was acknowledged yet. */
    public List<TaskInfo> unacknowledgedTasks() {
        synchronized (unacknowledgedLock) {
            return List.copyOf(unacknowledgedTasks.values());
        }
    }

    public boolean isSubscribed() {
        return subscribed;
    }

    /** False after {@link #close()} or once the client gave up. */
    public boolean isRunning() {
        return loop.running();
    }

    /** Closes the stream and joins the loop thread; the listener hears nothing more once this returns. */
    @Override
    public void close() {
        loop.stopRunning();
        EventStream<Event> s = stream;
        if (s != null) {
            s.close();
        }
        loop.close();
    }

    private void run() {
        long disconnectedSince = System.nanoTime();
        while (loop.running()) {
            Ending ending = subscribeOnce();
            String reason = ending.reason();
            if (ending.afterSubscribed()) {
                disconnectedSince = System.nanoTime(); // the recovery clock starts at the latest loss
            }
            tell(() -> listener.disconnected(reason));
            if (!loop.running()) {
                return;
            }
            if (!env.checkpoint()) {
                giveUp(reason + "; the framework does not checkpoint, so the executor cannot wait for the agent");
                return;
            }
            Duration away = Duration.ofNanos(System.nanoTime() - disconnectedSince);
            Duration left = env.recoveryTimeout().minus(away);
            if (left.isNegative() || left.isZero()) {
                giveUp(reason + "; no agent within the recovery timeout of "
                        + MesosDuration.format(env.recoveryTimeout()));
                return;
            }
            Duration delay = backoff.next();
            LOG.warn("Executor subscription: {}; retrying in {} ms", reason, delay.toMillis());
            loop.pause(delay.compareTo(left) < 0 ? delay : left, () -> false);
        }
    }

    /** Why one subscription attempt ended, and whether it got as far as SUBSCRIBED. */
    private record Ending(String reason, boolean afterSubscribed) {}

    private Ending subscribeOnce() {
        byte[] call = subscribeCall().toByteArray();
        StreamOpening<Event> opening = loop.interruptibly(
                () -> http.openStream(endpoint, call, headers(), Event::parseFrom, maxRecordBytes),
                () -> new StreamOpening.Refused<>(new CallResult.Unreachable(endpoint, "closed")));
        if (opening instanceof StreamOpening.Refused<Event> refused) {
            return new Ending("SUBSCRIBE to " + endpoint + " failed: " + refused.result().describe(), false);
        }
        EventStream<Event> events = ((StreamOpening.Opened<Event>) opening).stream();
        stream = events;
        boolean wasSubscribed = false;
        try {
            if (!loop.running()) {
                return new Ending("closed", false);
            }
            if (!MediaTypes.PROTOBUF.equals(events.contentType())) {
                return new Ending("the agent answered SUBSCRIBE with Content-Type " + events.contentType(), false);
            }
            while (loop.running()) {
                Optional<Event> next = events.poll(POLL_SLICE);
                if (next.isEmpty()) {
                    continue;
                }
                Event event = next.get();
                if (event.getType() == Event.Type.SUBSCRIBED) {
                    onSubscribed();
                    wasSubscribed = true;
                    backoff.reset();
                }
                track(event);
                tell(() -> listener.received(event));
            }
            return new Ending("closed", wasSubscribed);
        } catch (EOFException e) {
            return new Ending("the agent closed the executor stream", wasSubscribed);
        } catch (IOException e) {
            return new Ending("the executor stream broke: " + e.getMessage(), wasSubscribed);
        } finally {
            subscribed = false;
            stream = null;
            events.close();
        }
    }

    /** Keeps the replay sets current before the listener sees the event (it may send updates from the callback). */
    private void track(Event event) {
        synchronized (unacknowledgedLock) {
            switch (event.getType()) {
                case LAUNCH -> unacknowledgedTasks.put(event.getLaunch().getTask().getTaskId().getValue(),
                        event.getLaunch().getTask());
                case LAUNCH_GROUP -> event.getLaunchGroup().getTaskGroup().getTasksList()
                        .forEach(t -> unacknowledgedTasks.put(t.getTaskId().getValue(), t));
                case ACKNOWLEDGED -> {
                    unacknowledgedUpdates.remove(event.getAcknowledged().getUuid());
                    unacknowledgedTasks.remove(event.getAcknowledged().getTaskId().getValue());
                }
                default -> {}
            }
        }
    }

    private Call subscribeCall() {
        Call.Subscribe.Builder subscribe = Call.Subscribe.newBuilder();
        synchronized (unacknowledgedLock) {
            subscribe.addAllUnacknowledgedTasks(unacknowledgedTasks.values());
            subscribe.addAllUnacknowledgedUpdates(unacknowledgedUpdates.values());
            replayedBySubscribe = Set.copyOf(unacknowledgedUpdates.keySet());
        }
        return call(Call.Type.SUBSCRIBE).setSubscribe(subscribe).build();
    }

    private Call.Builder call(Call.Type type) {
        return Call.newBuilder()
                .setType(type)
                .setFrameworkId(env.frameworkIdProto())
                .setExecutorId(env.executorIdProto());
    }

    private CallResult post(Call call) {
        return http.post(endpoint, call.toByteArray(), headers());
    }

    private Map<String, String> headers() {
        Map<String, String> headers = MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null);
        env.authenticationToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        return headers;
    }

    private void giveUp(String reason) {
        LOG.error("Giving up on the agent: {}", reason);
        loop.stopRunning();
        try {
            listener.gaveUp(reason);
        } catch (RuntimeException e) {
            LOG.warn("The executor listener failed", e);
        }
    }

    private void tell(Runnable callback) {
        if (!loop.running()) {
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("The executor listener failed", e);
        }
    }

    private static Backoff defaultBackoff(Duration max) {
        Duration base = max.dividedBy(8);
        return new Backoff(base.isZero() ? max : base, max, Backoff.Jitter.FULL);
    }

    /** Settings with production defaults; tests substitute the HTTP client or the backoff. */
    public static final class Builder {
        private final ExecutorEnvironment env;
        private final ExecutorListener listener;
        private MesosHttpClient http;
        private Backoff backoff;
        private int maxRecordBytes = RecordIo.DEFAULT_MAX_RECORD_BYTES;

        private Builder(ExecutorEnvironment env, ExecutorListener listener) {
            this.env = Objects.requireNonNull(env, "env");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        public Builder httpClient(MesosHttpClient http) {
            this.http = http;
            return this;
        }

        /** Default: full jitter up to {@code MESOS_SUBSCRIPTION_BACKOFF_MAX}. */
        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder maxRecordBytes(int maxRecordBytes) {
            this.maxRecordBytes = maxRecordBytes;
            return this;
        }

        public ExecutorClient build() {
            return new ExecutorClient(this);
        }
    }
}
