package org.cockroachdb.mesos.http.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.Backoff;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.detect.MasterDetector;
import org.cockroachdb.mesos.http.detect.StaticMasterDetector;
import org.cockroachdb.mesos.http.stub.RecordedRequest;
import org.cockroachdb.mesos.http.stub.Reply;
import org.cockroachdb.mesos.http.stub.StubMesosServer;
import org.cockroachdb.mesos.http.stub.StubStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerClientTest {
    private static final String STREAM_ID = "6a0b3f0e-5b52-4d34-9d5e-2f6f1c1a8d11";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    private final RecordingSchedulerListener listener = new RecordingSchedulerListener();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private volatile String frameworkId;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void subscribePostsProtobufWithExactContentTypeAndAcceptOverHttp11() {
        StubMesosServer master = master(subscribeStreams());
        start(detectorFor(master));

        RecordedRequest subscribe = master.nextStream().request();

        assertThat(subscribe.method()).isEqualTo("POST");
        assertThat(subscribe.path()).isEqualTo("/api/v1/scheduler");
        assertThat(subscribe.httpVersion()).isEqualTo("HTTP/1.1");
        assertThat(subscribe.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(subscribe.header("Accept")).isEqualTo("application/x-protobuf");
        assertThat(subscribe.header(MediaTypes.STREAM_ID_HEADER)).isNull();
        assertThat(subscribe.schedulerCall()).isEqualTo(subscribeCall());
    }

    @Test
    void callsAfterSubscribedCarryTheStreamIdOnTheirOwnConnection() {
        StubMesosServer master = master(subscribeStreams());
        SchedulerClient client = start(detectorFor(master));
        master.nextStream().send(subscribed("fw-1", 15));
        await().atMost(WAIT).until(() -> client.session().isPresent());

        CallResult result = client.send(decline("fw-1"));

        assertThat(result).isInstanceOf(CallResult.Accepted.class);
        assertThat(result.status()).isEqualTo(202);
        RecordedRequest call = master.requests().get(1);
        assertThat(call.header(MediaTypes.STREAM_ID_HEADER)).isEqualTo(STREAM_ID);
        assertThat(call.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(call.header("Accept")).isEqualTo("application/x-protobuf");
        assertThat(call.schedulerCall()).isEqualTo(decline("fw-1"));
        assertThat(listener.sessions).singleElement().satisfies(s -> {
            assertThat(s.streamId()).isEqualTo(STREAM_ID);
            assertThat(s.endpoint()).isEqualTo(master.baseUri().resolve("/api/v1/scheduler"));
            assertThat(s.subscribed().getFrameworkId().getValue()).isEqualTo("fw-1");
        });
    }

    @Test
    void everyEventReachesTheListenerInOrderWithSubscribedAnnouncedFirst() {
        StubMesosServer master = master(subscribeStreams());
        start(detectorFor(master));
        StubStream stream = master.nextStream();

        stream.send(subscribed("fw-1", 15)).send(heartbeat()).send(rescind("o-1"));

        await().atMost(WAIT).until(() -> listener.events.size() == 3);
        assertThat(listener.events).extracting(Event::getType)
                .containsExactly(Event.Type.SUBSCRIBED, Event.Type.HEARTBEAT, Event.Type.RESCIND);
        assertThat(listener.sessions).hasSize(1);
    }

    @Test
    void sendWithoutASubscriptionSaysNotSubscribed() {
        StubMesosServer master = master(subscribeStreams());
        SchedulerClient client = start(detectorFor(master));
        master.nextStream(); // stream open, but no SUBSCRIBED yet: no framework id, nothing to call with

        CallResult result = client.send(decline("fw-1"));

        assertThat(result).isInstanceOf(CallResult.Unreachable.class);
        assertThat(((CallResult.Unreachable) result).message()).isEqualTo("not subscribed");
        assertThat(master.requests()).hasSize(1);
    }

    @Test
    void sendSurfaces4xxAsRejectedWithMesossBody() {
        StubMesosServer master = master(request -> isSubscribe(request)
                ? Reply.stream(STREAM_ID)
                : Reply.status(400, "Framework cannot be found"));
        SchedulerClient client = start(detectorFor(master));
        master.nextStream().send(subscribed("fw-1", 15));
        await().atMost(WAIT).until(() -> client.session().isPresent());

        CallResult result = client.send(decline("fw-1"));

        assertThat(result).isEqualTo(new CallResult.Rejected(400, "Framework cannot be found"));
    }

    @Test
    void protocolRelative307IsFollowedToTheLeader() {
        StubMesosServer leader = master(subscribeStreams());
        StubMesosServer follower = master(request ->
                Reply.redirect("//127.0.0.1:" + leader.port() + "/api/v1/scheduler"));
        SchedulerClient client = start(detectorFor(follower));

        leader.nextStream().send(subscribed("fw-1", 15));

        await().atMost(WAIT).until(() -> client.session().isPresent());
        assertThat(client.session().get().endpoint()).isEqualTo(leader.baseUri().resolve("/api/v1/scheduler"));
        assertThat(client.send(decline("fw-1")).isSuccess()).isTrue();
        assertThat(leader.requests()).hasSize(2);
        assertThat(follower.requests()).hasSize(1);
        assertThat(listener.disconnects).isEmpty();
    }

    @Test
    void unavailableMasterIsRetriedWithGrowingBackoff() {
        Duration base = Duration.ofMillis(60);
        StubMesosServer master = master(new Function<>() {
            int subscribes;

            @Override
            public Reply apply(RecordedRequest request) {
                return ++subscribes <= 2 ? Reply.status(503, "No leader elected") : Reply.stream(STREAM_ID);
            }
        });
        start(detectorFor(master), new Backoff(base, Duration.ofSeconds(1), Backoff.Jitter.FULL, () -> ALMOST_ONE), 5);

        master.nextStream();

        List<RecordedRequest> attempts = master.requests();
        assertThat(attempts).hasSize(3);
        // Full jitter at its ceiling: about 1 × base, then 2 × base (a little less, since the draw is just under 1).
        assertThat(gapMillis(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(base.toMillis() - 1);
        assertThat(gapMillis(attempts.get(1), attempts.get(2))).isGreaterThanOrEqualTo(2 * base.toMillis() - 1);
        assertThat(listener.disconnects).hasSize(2)
                .allSatisfy(reason -> assertThat(reason).contains("failed: 503 No leader elected"));
    }

    @Test
    void silentStreamIsDeclaredDeadByTheWatchdogAndResubscribed() {
        StubMesosServer master = master(subscribeStreams());
        // Before SUBSCRIBED the watchdog would wait 2 × 15 s: a quick resubscribe proves it took SUBSCRIBED's 0.1 s.
        start(detectorFor(master), fastBackoff(), 2);
        StubStream first = master.nextStream();
        first.send(subscribed("fw-1", 0.1));

        StubStream second = master.nextStream();

        assertThat(second).isNotSameAs(first);
        assertThat(listener.disconnects).singleElement()
                .satisfies(reason -> assertThat(reason).contains("no bytes from").contains("the connection is dead"));
    }

    @Test
    void heartbeatsKeepTheWatchdogQuiet() throws Exception {
        StubMesosServer master = master(subscribeStreams());
        start(detectorFor(master), fastBackoff(), 5);
        StubStream stream = master.nextStream();
        stream.send(subscribed("fw-1", 0.1)); // dead after 0.5 s of silence
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        toClose.add(heartbeats::shutdownNow);

        heartbeats.scheduleAtFixedRate(() -> stream.send(heartbeat()), 0, 50, TimeUnit.MILLISECONDS);

        await().during(Duration.ofMillis(1500)).atMost(WAIT)
                .until(() -> master.requests().size() == 1 && listener.disconnects.isEmpty());
        assertThat(listener.eventsOfType(Event.Type.HEARTBEAT)).isGreaterThan(10);
    }

    @Test
    void errorEventLeadsToAResubscription() {
        StubMesosServer master = master(subscribeStreams());
        start(detectorFor(master));
        StubStream first = master.nextStream();
        first.send(subscribed("fw-1", 15)).send(error("Framework failed over"));

        master.nextStream();

        assertThat(listener.errors).containsExactly("Framework failed over");
        assertThat(listener.eventsOfType(Event.Type.ERROR)).isEqualTo(1);
        assertThat(listener.disconnects).singleElement()
                .satisfies(reason -> assertThat(reason).contains("ERROR 'Framework failed over'"));
    }

    @Test
    void errorEventStopsTheClientWhenTheListenerAsks() {
        listener.errorReaction = SchedulerListener.ErrorReaction.STOP;
        StubMesosServer master = master(subscribeStreams());
        SchedulerClient client = start(detectorFor(master));
        master.nextStream().send(subscribed("fw-1", 15)).send(error("Framework has been removed"));

        await().atMost(WAIT).until(() -> !client.isRunning());

        assertThat(master.requests()).hasSize(1);
        assertThat(listener.disconnects).singleElement()
                .satisfies(reason -> assertThat(reason).contains("Framework has been removed").contains("stopped"));
        assertThat(client.send(decline("fw-1"))).isInstanceOf(CallResult.Unreachable.class);
    }

    @Test
    void endOfStreamResubscribesWithTheFrameworkIdLearntMeanwhile() {
        StubMesosServer master = master(subscribeStreams());
        start(detectorFor(master));
        StubStream first = master.nextStream();
        first.send(subscribed("fw-1", 15));
        await().atMost(WAIT).until(() -> frameworkId != null);

        first.end();

        Call resubscribe = master.nextStream().request().schedulerCall();
        assertThat(resubscribe.getFrameworkId().getValue()).isEqualTo("fw-1");
        assertThat(resubscribe.getSubscribe().getFrameworkInfo().getId().getValue()).isEqualTo("fw-1");
        assertThat(listener.disconnects).singleElement()
                .satisfies(reason -> assertThat(reason).contains("closed the event stream"));
    }

    @Test
    void brokenConnectionResubscribes() {
        StubMesosServer master = master(subscribeStreams());
        start(detectorFor(master));
        StubStream first = master.nextStream();
        first.send(subscribed("fw-1", 15)).write("40\n0808".getBytes());

        first.abort();

        master.nextStream();
        assertThat(listener.disconnects).singleElement()
                .satisfies(reason -> assertThat(reason).contains("broke"));
    }

    @Test
    void leaderChangeDropsTheStreamAndSubscribesToTheNewLeader() {
        StubMesosServer oldLeader = master(subscribeStreams());
        StubMesosServer newLeader = master(subscribeStreams());
        SettableMasterDetector detector = new SettableMasterDetector(Optional.of(oldLeader.baseUri()));
        SchedulerClient client = start(detector, new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Backoff.Jitter.FULL, () -> ALMOST_ONE), 5);
        StubStream old = oldLeader.nextStream();
        old.send(subscribed("fw-1", 15));
        await().atMost(WAIT).until(() -> client.session().isPresent());

        detector.setLeader(Optional.of(newLeader.baseUri()));

        // A 5 s backoff would fail this 2 s wait: a leader change reconnects at once.
        newLeader.nextStream().send(subscribed("fw-1", 15));
        await().atMost(Duration.ofSeconds(2)).until(() -> listener.sessions.size() == 2);
        assertThat(client.session().get().endpoint()).isEqualTo(newLeader.baseUri().resolve("/api/v1/scheduler"));
        assertThat(listener.disconnects).singleElement()
                .satisfies(reason -> assertThat(reason).contains("leading master changed to " + newLeader.baseUri()));
        await().atMost(WAIT).until(() -> !old.stillConnectedAfterSending(heartbeat()));
    }

    @Test
    void aLeaderChangeWhileSubscribeFailsIsFollowedWithoutBackingOff() {
        CountDownLatch answer = new CountDownLatch(1);
        StubMesosServer oldLeader = master(request -> {
            try {
                answer.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.status(503, "No leader elected");
        });
        StubMesosServer newLeader = master(subscribeStreams());
        SettableMasterDetector detector = new SettableMasterDetector(Optional.of(oldLeader.baseUri()));
        start(detector, new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(60), Backoff.Jitter.FULL, () -> ALMOST_ONE), 5);
        await().atMost(WAIT).until(() -> oldLeader.requests().size() == 1);

        detector.setLeader(Optional.of(newLeader.baseUri()));
        answer.countDown();

        // a 30 s backoff would fail this wait: the election moved while the old leader was refusing
        assertThat(newLeader.nextStream().request().schedulerCall().getType()).isEqualTo(Call.Type.SUBSCRIBE);
    }

    @Test
    void detectorLosingItsLeaderKeepsAWorkingStream() {
        StubMesosServer master = master(subscribeStreams());
        SettableMasterDetector detector = new SettableMasterDetector(Optional.of(master.baseUri()));
        SchedulerClient client = start(detector);
        StubStream stream = master.nextStream();
        stream.send(subscribed("fw-1", 15));
        await().atMost(WAIT).until(() -> client.session().isPresent());

        detector.setLeader(Optional.empty());
        stream.send(heartbeat());

        await().atMost(WAIT).until(() -> listener.eventsOfType(Event.Type.HEARTBEAT) == 1);
        assertThat(client.session()).isPresent();
        assertThat(listener.disconnects).isEmpty();
    }

    @Test
    void withNoLeaderKnownTheClientWaitsForTheDetector() {
        StubMesosServer master = master(subscribeStreams());
        SettableMasterDetector detector = new SettableMasterDetector(Optional.empty());
        start(detector, new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(30), Backoff.Jitter.FULL), 5);
        await().atMost(WAIT).until(() -> !listener.disconnects.isEmpty());
        assertThat(listener.disconnects.get(0)).contains("no leading Mesos master is known");

        detector.setLeader(Optional.of(master.baseUri()));

        await().atMost(Duration.ofSeconds(2)).until(() -> master.requests().size() == 1);
    }

    @Test
    void staticListIsWalkedPastAnUnreachableMaster() throws Exception {
        StubMesosServer master = master(subscribeStreams());
        URI deadMaster;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadMaster = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        SchedulerClient client = start(new StaticMasterDetector(List.of(deadMaster, master.baseUri())));

        master.nextStream().send(subscribed("fw-1", 15));

        await().atMost(WAIT).until(() -> client.session().isPresent());
        assertThat(listener.disconnects).singleElement()
                .satisfies(reason -> assertThat(reason).contains(deadMaster.toString()).contains("connection refused"));
    }

    @Test
    void streamInAnotherEncodingIsRefused() {
        StubMesosServer master = master(request -> new Reply.Stream(STREAM_ID, MediaTypes.JSON));
        start(detectorFor(master));

        await().atMost(WAIT).until(() -> !listener.disconnects.isEmpty());

        assertThat(listener.disconnects.get(0)).contains("Content-Type application/json");
    }

    @Test
    void aStreamWithoutAStreamIdIsAFailedAttemptNotASession() {
        StubMesosServer master = master(request -> Reply.stream(null));
        SchedulerClient client = start(detectorFor(master));
        master.nextStream().stillConnectedAfterSending(subscribed("fw-1", 15));

        await().atMost(WAIT).until(() -> !listener.disconnects.isEmpty());

        assertThat(listener.disconnects.get(0)).contains("Mesos-Stream-Id");
        master.nextStream(); // and it tries again
        assertThat(listener.sessions).isEmpty();
        assertThat(client.session()).isEmpty();
    }

    @Test
    void closeEndsTheStreamAndNoCallbackFollows() {
        StubMesosServer master = master(subscribeStreams());
        SchedulerClient client = start(detectorFor(master));
        StubStream stream = master.nextStream();
        stream.send(subscribed("fw-1", 15));
        await().atMost(WAIT).until(() -> client.session().isPresent());

        client.close();
        int callbacksAtClose = listener.callbacks.get();

        assertThat(client.isRunning()).isFalse();
        assertThat(client.session()).isEmpty();
        await().atMost(WAIT).until(() -> !stream.stillConnectedAfterSending(heartbeat()));
        assertThat(listener.callbacks.get()).isEqualTo(callbacksAtClose);
        assertThat(master.requests()).hasSize(1);
    }

    @Test
    void aClientClosedBeforeItWasStartedNeverSubscribes() {
        StubMesosServer master = master(subscribeStreams());
        MasterDetector detector = detectorFor(master);
        toClose.add(detector);
        SchedulerClient client = SchedulerClient.builder(detector, this::subscribeCall, listener).build();
        toClose.add(client);

        client.close();
        client.start();

        assertThat(client.isRunning()).isFalse();
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> master.requests().isEmpty());
    }

    @Test
    void closeDuringBackoffReturnsPromptly() {
        StubMesosServer master = master(request -> Reply.status(503, "No leader elected"));
        SchedulerClient client = start(detectorFor(master),
                new Backoff(Duration.ofSeconds(30), Duration.ofSeconds(60), Backoff.Jitter.FULL, () -> ALMOST_ONE), 5);
        await().atMost(WAIT).until(() -> listener.disconnects.size() == 1);

        long start = System.nanoTime();
        client.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(client.isRunning()).isFalse();
    }

    @Test
    void closeWhileSubscribeAwaitsAnAnswerReturnsPromptly() {
        StubMesosServer master = master(request -> new Reply.Silence());
        SchedulerClient client = SchedulerClient.builder(detectorFor(master), this::subscribeCall, listener)
                .httpClient(new MesosHttpClient(Duration.ofSeconds(60)))
                .build();
        toClose.add(client);
        client.start();
        await().atMost(WAIT).until(() -> master.requests().size() == 1);

        long start = System.nanoTime();
        client.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(client.isRunning()).isFalse();
        assertThat(listener.callbacks.get()).isZero();
    }

    // --- fixtures -------------------------------------------------------------------------------

    private StubMesosServer master(Function<RecordedRequest, Reply> responder) {
        StubMesosServer stub = StubMesosServer.start(responder);
        toClose.add(stub);
        return stub;
    }

    /** SUBSCRIBE opens a stream; every other call is accepted. */
    private static Function<RecordedRequest, Reply> subscribeStreams() {
        return request -> isSubscribe(request) ? Reply.stream(STREAM_ID) : Reply.accepted();
    }

    private static boolean isSubscribe(RecordedRequest request) {
        return request.schedulerCall().getType() == Call.Type.SUBSCRIBE;
    }

    private MasterDetector detectorFor(StubMesosServer master) {
        return new StaticMasterDetector(List.of(master.baseUri()));
    }

    private SchedulerClient start(MasterDetector detector) {
        return start(detector, fastBackoff(), 5);
    }

    private SchedulerClient start(MasterDetector detector, Backoff backoff, double heartbeatTimeoutMultiplier) {
        SchedulerListener rememberingId = new SchedulerListener() {
            @Override
            public void subscribed(SchedulerSession session) {
                frameworkId = session.subscribed().getFrameworkId().getValue(); // what a scheduler persists
                listener.subscribed(session);
            }

            @Override
            public void received(Event event) {
                listener.received(event);
            }

            @Override
            public void disconnected(String reason) {
                listener.disconnected(reason);
            }

            @Override
            public ErrorReaction errorReceived(String message) {
                return listener.errorReceived(message);
            }
        };
        SchedulerClient client = SchedulerClient.builder(detector, this::subscribeCall, rememberingId)
                .httpClient(new MesosHttpClient(Duration.ofSeconds(5)))
                .backoff(backoff)
                .heartbeatTimeoutMultiplier(heartbeatTimeoutMultiplier)
                .build();
        toClose.add(detector);
        toClose.add(client);
        client.start();
        return client;
    }

    private static Backoff fastBackoff() {
        return new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), Backoff.Jitter.FULL);
    }

    private Call subscribeCall() {
        FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("root").setName("cockroachdb")
                .setFailoverTimeout(604800).setCheckpoint(true);
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE);
        String id = frameworkId;
        if (id != null) {
            info.setId(FrameworkID.newBuilder().setValue(id));
            call.setFrameworkId(FrameworkID.newBuilder().setValue(id));
        }
        return call.setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
    }

    private static long gapMillis(RecordedRequest earlier, RecordedRequest later) {
        return TimeUnit.NANOSECONDS.toMillis(later.receivedNanos() - earlier.receivedNanos());
    }

    private static Call decline(String frameworkId) {
        return Call.newBuilder().setType(Call.Type.DECLINE)
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                .setDecline(Call.Decline.newBuilder().addOfferIds(OfferID.newBuilder().setValue("o-1")))
                .build();
    }

    private static Event subscribed(String frameworkId, double heartbeatSeconds) {
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                        .setHeartbeatIntervalSeconds(heartbeatSeconds))
                .build();
    }

    private static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }

    private static Event error(String message) {
        return Event.newBuilder().setType(Event.Type.ERROR)
                .setError(Event.Error.newBuilder().setMessage(message)).build();
    }

    private static Event rescind(String offerId) {
        return Event.newBuilder().setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue(offerId))).build();
    }
}
