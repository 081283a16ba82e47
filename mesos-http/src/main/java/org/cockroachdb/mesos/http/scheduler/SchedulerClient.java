package org.cockroachdb.mesos.http.scheduler;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.Backoff;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.EventStream;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.MesosHttpClient.StreamOpening;
import org.cockroachdb.mesos.http.RecordIo;
import org.cockroachdb.mesos.http.SubscriptionThread;
import org.cockroachdb.mesos.http.detect.MasterDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's one long-lived SUBSCRIBE stream, kept alive across master failovers.
 *
 * <p>One background thread loops: ask the detector for the leader, POST SUBSCRIBE to its
 * {@code /api/v1/scheduler} (following 307s), read events until the stream ends, the watchdog
 * finds it silent for too long, or the detector names another leader; then back off with jitter
 * and subscribe again. Every other call goes through {@link #send} on its own connection.
 */
public final class SchedulerClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerClient.class);

    public static final String PATH = "/api/v1/scheduler";
    /** Mesos: no bytes for 5 heartbeat intervals means the connection is dead. */
    public static final double DEFAULT_HEARTBEAT_TIMEOUT_MULTIPLIER = 5;
    /** Until SUBSCRIBED says otherwise, assume Mesos's default 15 s heartbeat. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    /** A non-leader redirects to the leader in one hop; more means masters disagree, so back off instead. */
    static final int MAX_REDIRECTS = 5;

    private final MasterDetector detector;
    private final Supplier<Call> subscribeCall;
    private final SchedulerListener listener;
    private final MesosHttpClient http;
    private final Backoff backoff;
    private final double heartbeatTimeoutMultiplier;
    private final Duration heartbeatIntervalBeforeSubscribed;
    private final int maxRecordBytes;
    private final SubscriptionThread loop;

    /** Set by the detector's watch when a different master leads; read and cleared by the loop. */
    private volatile boolean leaderChanged;
    private volatile Optional<URI> changedTo = Optional.empty();
    private volatile EventStream<Event> stream;
    /** The master being subscribed to or streamed from; null while backing off. */
    private volatile URI currentEndpoint;
    private volatile SchedulerSession session;
    private MasterDetector.Watch watch;

    private SchedulerClient(Builder b) {
        this.detector = b.detector;
        this.subscribeCall = b.subscribeCall;
        this.listener = b.listener;
        this.http = b.http != null ? b.http : new MesosHttpClient();
        this.backoff = b.backoff != null ? b.backoff : Backoff.defaults();
        this.heartbeatTimeoutMultiplier = b.heartbeatTimeoutMultiplier;
        this.heartbeatIntervalBeforeSubscribed = b.heartbeatIntervalBeforeSubscribed;
        this.maxRecordBytes = b.maxRecordBytes;
        this.loop = new SubscriptionThread("mesos-scheduler-subscription", this::run);
    }

    /**
     * @param subscribeCall asked before every attempt, since the SUBSCRIBE call changes once a framework id is known
     */
    public static Builder builder(MasterDetector detector, Supplier<Call> subscribeCall, SchedulerListener listener) {
        return new Builder(detector, subscribeCall, listener);
    }

    /** Starts subscribing in the background; does nothing once {@link #close()} was called. */
    public synchronized void start() {
        if (loop.start()) {
            watch = detector.watch(this::onLeader);
        }
    }

    /**
     * Posts a call (anything but SUBSCRIBE) to the master holding the stream, with the stream id.
     * Without a live subscription it returns {@link CallResult.Unreachable} "not subscribed".
     */
    public CallResult send(Call call) {
        SchedulerSession s = session;
        if (s == null) {
            return new CallResult.Unreachable(detector.leader().map(l -> l.resolve(PATH)).orElse(null),
                    "not subscribed");
        }
        return http.post(s.endpoint(), call.toByteArray(), s.streamId());
    }

    /** The live subscription, if there is one right now. */
    public Optional<SchedulerSession> session() {
        return Optional.ofNullable(session);
    }

    /** False after {@link #close()}, or once the listener asked to stop. */
    public boolean isRunning() {
        return loop.running();
    }

    /** Closes the stream and joins the loop thread; the listener hears nothing more once this returns. */
    @Override
    public void close() {
        loop.stopRunning();
        MasterDetector.Watch w;
        synchronized (this) {
            w = watch;
        }
        if (w != null) {
            w.close();
        }
        EventStream<Event> s = stream;
        if (s != null) {
            s.close();
        }
        loop.close();
    }

    private void onLeader(Optional<URI> leader) {
        // Losing our own ZooKeeper session says nothing about the master: keep a working stream
        // (the watchdog still guards it) and only move when another master is named.
        if (leader.isEmpty()) {
            return;
        }
        URI current = currentEndpoint;
        if (current != null && sameServer(current, leader.get())) {
            return;
        }
        changedTo = leader;
        leaderChanged = true;
        EventStream<Event> s = stream;
        if (s != null) {
            s.close();
        }
        loop.wake();
    }

    private void run() {
        while (loop.running()) {
            leaderChanged = false; // before reading the leader, so a change after the read is not lost
            Optional<URI> leader = detector.leader();
            String reason = leader.isPresent()
                    ? subscribeOnce(leader.get().resolve(PATH))
                    : "no leading Mesos master is known (" + detector + ")";
            currentEndpoint = null;
            tell(() -> listener.disconnected(reason));
            if (!loop.running()) {
                return;
            }
            Duration delay = leader.isPresent() ? backoff.next() : backoff.cap();
            LOG.warn("Mesos subscription: {}; retrying in {} ms", reason, delay.toMillis());
            loop.pause(delay, () -> leaderChanged);
        }
    }

    /** One attempt: subscribe (following redirects) and read the stream until it ends. Returns why it ended. */
    private String subscribeOnce(URI endpoint) {
        for (int hop = 0; ; hop++) {
            byte[] call;
            try {
                call = subscribeCall.get().toByteArray();
            } catch (RuntimeException e) {
                LOG.error("Building the SUBSCRIBE call failed", e);
                return "the SUBSCRIBE call could not be built: " + e;
            }
            StreamOpening<Event> opening = open(endpoint, call);
            if (!loop.running()) {
                if (opening instanceof StreamOpening.Opened<Event> opened) {
                    opened.stream().close();
                }
                return "closed";
            }
            if (opening instanceof StreamOpening.Opened<Event> opened) {
                return read(endpoint, opened.stream());
            }
            CallResult refused = ((StreamOpening.Refused<Event>) opening).result();
            if (refused instanceof CallResult.Redirect redirect && hop < MAX_REDIRECTS) {
                LOG.info("{} is not the leading master; following 307 to {}", endpoint, redirect.location());
                endpoint = redirect.location();
                continue;
            }
            if (refused instanceof CallResult.Unreachable || refused instanceof CallResult.Unavailable) {
                boolean changedDuringTheAttempt = leaderChanged;
                detector.unreachable(endpoint);
                // A change our report itself caused (a static list moving on) must not skip the backoff,
                // or a list of dead masters is walked in a busy loop; one that came meanwhile must.
                leaderChanged = changedDuringTheAttempt;
            }
            if (refused instanceof CallResult.Redirect) {
                return "SUBSCRIBE to " + endpoint + " failed: more than " + MAX_REDIRECTS + " redirects in a row";
            }
            return "SUBSCRIBE to " + endpoint + " failed: " + refused.describe();
        }
    }

    private StreamOpening<Event> open(URI endpoint, byte[] call) {
        currentEndpoint = endpoint;
        return loop.interruptibly(
                () -> http.openStream(endpoint, call, MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null),
                        Event::parseFrom, maxRecordBytes),
                () -> new StreamOpening.Refused<>(new CallResult.Unreachable(endpoint, "closed")));
    }

    private String read(URI endpoint, EventStream<Event> events) {
        stream = events;
        try {
            if (!MediaTypes.PROTOBUF.equals(events.contentType())) {
                return "the master answered SUBSCRIBE with Content-Type " + events.contentType() + ", not "
                        + MediaTypes.PROTOBUF;
            }
            if (events.streamId() == null) {
                // every later call needs it; without one this is not a Mesos master we could talk to
                return "the master answered SUBSCRIBE without a " + MediaTypes.STREAM_ID_HEADER + " header";
            }
            Duration timeout = watchdogTimeout(heartbeatIntervalBeforeSubscribed.toNanos() / 1e9);
            while (loop.running() && !leaderChanged) {
                Duration left = timeout.minus(events.sinceLastBytes());
                if (left.isNegative() || left.isZero()) {
                    return "no bytes from " + endpoint + " for " + events.sinceLastBytes().toMillis()
                            + " ms (" + heartbeatTimeoutMultiplier + " heartbeat intervals): the connection is dead";
                }
                Optional<Event> next = events.poll(left);
                if (next.isEmpty()) {
                    continue;
                }
                Event event = next.get();
                if (event.getType() == Event.Type.SUBSCRIBED) {
                    Event.Subscribed subscribed = event.getSubscribed();
                    if (subscribed.hasHeartbeatIntervalSeconds() && subscribed.getHeartbeatIntervalSeconds() > 0) {
                        timeout = watchdogTimeout(subscribed.getHeartbeatIntervalSeconds());
                    }
                    backoff.reset();
                    SchedulerSession s = new SchedulerSession(endpoint, events.streamId(), subscribed);
                    session = s;
                    tell(() -> listener.subscribed(s));
                }
                tell(() -> listener.received(event));
                if (event.getType() == Event.Type.ERROR) {
                    return onError(event.getError().getMessage());
                }
            }
            return leaderChanged ? leaderChangedReason() : "closed";
        } catch (EOFException e) {
            return leaderChanged ? leaderChangedReason() : endpoint + " closed the event stream";
        } catch (IOException e) {
            return leaderChanged ? leaderChangedReason() : "the event stream from " + endpoint + " broke: " + e.getMessage();
        } finally {
            session = null;
            stream = null;
            events.close();
        }
    }

    private String onError(String message) {
        SchedulerListener.ErrorReaction reaction = SchedulerListener.ErrorReaction.RESUBSCRIBE;
        try {
            if (loop.running()) {
                reaction = Objects.requireNonNullElse(listener.errorReceived(message),
                        SchedulerListener.ErrorReaction.RESUBSCRIBE);
            }
        } catch (RuntimeException e) {
            LOG.warn("The scheduler listener failed on ERROR '{}'", message, e);
        }
        if (reaction == SchedulerListener.ErrorReaction.STOP) {
            loop.stopRunning();
            // The owner asked for this, so it still hears how the stream ended.
            tellEvenIfStopped("Mesos sent ERROR '" + message + "'; stopped as the listener asked");
            return "stopped";
        }
        return "Mesos sent ERROR '" + message + "'";
    }

    private String leaderChangedReason() {
        return "the leading master changed to " + changedTo.map(URI::toString).orElse("none");
    }

    private Duration watchdogTimeout(double heartbeatSeconds) {
        return Duration.ofNanos((long) (heartbeatSeconds * heartbeatTimeoutMultiplier * 1e9));
    }

    private void tell(Runnable callback) {
        if (!loop.running()) {
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("The scheduler listener failed", e);
        }
    }

    private void tellEvenIfStopped(String reason) {
        try {
            listener.disconnected(reason);
        } catch (RuntimeException e) {
            LOG.warn("The scheduler listener failed", e);
        }
    }

    private static boolean sameServer(URI a, URI b) {
        return Objects.equals(a.getHost(), b.getHost()) && a.getPort() == b.getPort();
    }

    /** Settings with production defaults; tests shorten the timings. */
    public static final class Builder {
        private final MasterDetector detector;
        private final Supplier<Call> subscribeCall;
        private final SchedulerListener listener;
        private MesosHttpClient http;
        private Backoff backoff;
        private double heartbeatTimeoutMultiplier = DEFAULT_HEARTBEAT_TIMEOUT_MULTIPLIER;
        private Duration heartbeatIntervalBeforeSubscribed = DEFAULT_HEARTBEAT_INTERVAL;
        private int maxRecordBytes = RecordIo.DEFAULT_MAX_RECORD_BYTES;

        private Builder(MasterDetector detector, Supplier<Call> subscribeCall, SchedulerListener listener) {
            this.detector = Objects.requireNonNull(detector, "detector");
            this.subscribeCall = Objects.requireNonNull(subscribeCall, "subscribeCall");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        public Builder httpClient(MesosHttpClient http) {
            this.http = http;
            return this;
        }

        /** Default: full jitter, 0.5 s doubling up to 15 s. Reset after every SUBSCRIBED. */
        public Builder backoff(Backoff backoff) {
            this.backoff = backoff;
            return this;
        }

        /** A stream silent for this many heartbeat intervals is dead (default 5). */
        public Builder heartbeatTimeoutMultiplier(double multiplier) {
            if (!(multiplier > 0)) {
                throw new IllegalArgumentException("heartbeat timeout multiplier must be positive, got " + multiplier);
            }
            this.heartbeatTimeoutMultiplier = multiplier;
            return this;
        }

        /** The heartbeat interval the watchdog assumes until SUBSCRIBED names the real one (default 15 s). */
        public Builder heartbeatIntervalBeforeSubscribed(Duration interval) {
            this.heartbeatIntervalBeforeSubscribed = interval;
            return this;
        }

        public Builder maxRecordBytes(int maxRecordBytes) {
            this.maxRecordBytes = maxRecordBytes;
            return this;
        }

        /** The client, not yet started. */
        public SchedulerClient build() {
            return new SchedulerClient(this);
        }
    }
}
