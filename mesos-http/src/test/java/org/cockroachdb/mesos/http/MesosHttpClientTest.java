package org.cockroachdb.mesos.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.MesosHttpClient.StreamOpening;
import org.cockroachdb.mesos.http.stub.Reply;
import org.cockroachdb.mesos.http.stub.StubMesosServer;
import org.cockroachdb.mesos.http.stub.StubStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MesosHttpClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MesosHttpClient client = new MesosHttpClient(Duration.ofSeconds(10));
    private StubMesosServer stub;

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    void streamSplitAtRandomByteBoundariesStillYieldsEveryEventInOrder() throws Exception {
        stub = StubMesosServer.start(request -> Reply.stream("stream-1"));
        List<Event> sent = new ArrayList<>();
        sent.add(subscribed("abc"));
        for (int i = 0; i < 60; i++) {
            sent.add(i % 5 == 0 ? offers(i, 1 + i * 37) : heartbeat());
        }

        try (EventStream<Event> stream = open()) {
            StubStream server = stub.nextStream();
            server.sendSplitAtRandom(sent, new Random(42), 97);
            server.end();

            assertThat(readUntilEof(stream)).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void streamReportsTheStreamIdAndContentTypeTheServerSent() throws Exception {
        stub = StubMesosServer.start(request -> Reply.stream("0b5ce3c3-8b67-4a3c-8e4c-4e6e1f4b1a2d"));

        try (EventStream<Event> stream = open()) {
            assertThat(stream.streamId()).isEqualTo("0b5ce3c3-8b67-4a3c-8e4c-4e6e1f4b1a2d");
            assertThat(stream.contentType()).isEqualTo(MediaTypes.PROTOBUF);
        }
    }

    @Test
    void theSilenceClockStartsWhenTheStreamsHeadersArriveNotWhenSubscribeWasSent() throws Exception {
        Duration slowAnswer = Duration.ofMillis(1500);
        CountDownLatch answer = new CountDownLatch(1);
        stub = StubMesosServer.start(request -> {
            try {
                answer.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.stream("s");
        });
        CompletableFuture<EventStream<Event>> opening = CompletableFuture.supplyAsync(this::open);
        await().atMost(WAIT).until(() -> stub.requests().size() == 1);
        long asked = stub.requests().get(0).receivedNanos();
        await().atMost(WAIT).until(() -> System.nanoTime() - asked > slowAnswer.toNanos());

        answer.countDown();

        try (EventStream<Event> stream = opening.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            assertThat(stream.sinceLastBytes()).isLessThan(slowAnswer);
        }
    }

    @Test
    void connectionDroppedInsideARecordIsABrokenStreamNotEof() throws Exception {
        stub = StubMesosServer.start(request -> Reply.stream("s"));

        try (EventStream<Event> stream = open()) {
            StubStream server = stub.nextStream();
            server.send(heartbeat());
            server.write("10\n0808".getBytes());
            server.abort();

            assertThat(stream.poll(WAIT)).contains(heartbeat());
            assertThatThrownBy(() -> stream.poll(WAIT))
                    .isInstanceOf(IOException.class)
                    .isNotInstanceOf(EOFException.class);
        }
    }

    @Test
    void cleanEndInsideARecordIsReportedAsTruncation() throws Exception {
        stub = StubMesosServer.start(request -> Reply.stream("s"));

        try (EventStream<Event> stream = open()) {
            StubStream server = stub.nextStream();
            server.write("10\n0808".getBytes());
            server.end();

            assertThatThrownBy(() -> stream.poll(WAIT))
                    .isInstanceOf(RecordIoException.class)
                    .hasMessage("RecordIO stream ended after 4 of 10 bytes of a record");
        }
    }

    @Test
    void refusedSubscribeCarriesMesossBodyAsRejected() {
        stub = StubMesosServer.start(request -> Reply.status(400, "Failed to validate scheduler::Call: Expecting 'subscribe' to be present\n"));

        StreamOpening<Event> opening = client.openStream(schedulerApi(), subscribeCall(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null), Event::parseFrom, 1 << 20);

        assertThat(opening).isEqualTo(new StreamOpening.Refused<Event>(
                new CallResult.Rejected(400, "Failed to validate scheduler::Call: Expecting 'subscribe' to be present")));
    }

    @Test
    void postSurfaces4xxAsRejectedWithMesossBody() {
        stub = StubMesosServer.start(request -> Reply.status(403, "Framework is not subscribed"));

        CallResult result = client.post(schedulerApi(), subscribeCall(), "stream-1");

        assertThat(result).isEqualTo(new CallResult.Rejected(403, "Framework is not subscribed"));
        assertThat(result.describe()).isEqualTo("403 Framework is not subscribed");
    }

    @Test
    void postSurfaces503AsUnavailable() {
        stub = StubMesosServer.start(request -> Reply.status(503, "No leader elected"));

        assertThat(client.post(schedulerApi(), subscribeCall(), (String) null))
                .isEqualTo(new CallResult.Unavailable(503, "No leader elected"));
    }

    @Test
    void protocolRelativeRedirectIsResolvedAgainstTheRequest() {
        stub = StubMesosServer.start(request -> Reply.redirect("//127.0.0.1:5050/api/v1/scheduler"));

        CallResult result = client.post(schedulerApi(), subscribeCall(), (String) null);

        assertThat(result).isEqualTo(new CallResult.Redirect(307, URI.create("http://127.0.0.1:5050/api/v1/scheduler")));
    }

    @Test
    void closedPortIsUnreachableNotAnException() throws Exception {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api/v1/scheduler");
        }

        CallResult result = client.post(nowhere, subscribeCall(), (String) null);

        assertThat(result).isInstanceOf(CallResult.Unreachable.class);
        assertThat(result.status()).isZero();
        assertThat(((CallResult.Unreachable) result).message()).isEqualTo("connection refused");
    }

    private EventStream<Event> open() {
        StreamOpening<Event> opening = client.openStream(schedulerApi(), subscribeCall(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null), Event::parseFrom, 1 << 20);
        assertThat(opening).isInstanceOf(StreamOpening.Opened.class);
        return ((StreamOpening.Opened<Event>) opening).stream();
    }

    private URI schedulerApi() {
        return stub.baseUri().resolve("/api/v1/scheduler");
    }

    private static List<Event> readUntilEof(EventStream<Event> stream) throws IOException {
        List<Event> received = new ArrayList<>();
        while (true) {
            try {
                Optional<Event> event = stream.poll(WAIT);
                assertThat(event).as("an event within %s", WAIT).isPresent();
                received.add(event.get());
            } catch (EOFException e) {
                return received;
            }
        }
    }

    private static byte[] subscribeCall() {
        return Call.newBuilder().setType(Call.Type.SUBSCRIBE).build().toByteArray();
    }

    static Event heartbeat() {
        return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    }

    static Event subscribed(String frameworkId) {
        return Event.newBuilder().setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                        .setHeartbeatIntervalSeconds(15))
                .build();
    }

    /** An OFFERS-like event whose size varies with {@code padding}, so records span many chunks. */
    static Event offers(int n, int padding) {
        return Event.newBuilder().setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue(n + "-" + "x".repeat(padding))))
                .build();
    }
}
