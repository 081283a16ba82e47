package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.EventStream;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.RecordIo;
import org.cockroachdb.mesos.http.RecordIoDecoder;
import org.junit.jupiter.api.Test;

/** Checklist 1 (reference §0, §1.1, §2): the HTTP surface of the scheduler API. */
class HttpConformanceTest extends EmulatorFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MesosHttpClient http = new MesosHttpClient(Duration.ofSeconds(10));
    private final HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    // ---------------------------------------------------------------- Content-Type, method, Accept

    @Test
    void contentTypeWithCharsetIsRejectedWith415() throws Exception {
        start(1);
        CallResult r = http.post(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF + "; charset=utf-8", MediaTypes.PROTOBUF, null));
        assertThat(r.status()).isEqualTo(415);
    }

    @Test
    void textPlainContentTypeIsRejectedWith415() throws Exception {
        start(1);
        CallResult r = http.post(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers("text/plain", MediaTypes.PROTOBUF, null));
        assertThat(r.status()).isEqualTo(415);
    }

    @Test
    void missingContentTypeIsRejectedWith400() throws Exception {
        start(1);
        CallResult r = http.post(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(null, MediaTypes.PROTOBUF, null));
        assertThat(r.status()).isEqualTo(400);
        assertThat(((CallResult.Rejected) r).message()).contains("Content-Type");
    }

    @Test
    void getIsRejectedWith405() throws Exception {
        start(1);
        HttpResponse<String> r = raw.send(HttpRequest.newBuilder(emulator.schedulerEndpoint()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void subscribeWithoutAcceptStreamsJson() throws Exception {
        start(1);
        EventStream<byte[]> stream = openRaw(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, null, null));
        assertThat(stream.contentType()).isEqualTo(MediaTypes.JSON);
        JsonNode first = JSON.readTree(new String(next(stream), StandardCharsets.UTF_8));
        assertThat(first.path("type").asText()).isEqualTo("SUBSCRIBED");
        // stout's JSON: snake_case proto field names
        assertThat(first.path("subscribed").path("framework_id").path("value").asText())
                .isEqualTo(emulator.masterId() + "-0000");
        assertThat(first.path("subscribed").path("heartbeat_interval_seconds").asDouble()).isEqualTo(1.0);
        // the reference's own example record: 20\n{"type":"HEARTBEAT"}
        assertThat(new String(next(stream), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"HEARTBEAT\"}");
    }

    @Test
    void acceptOfAnyTypeStreamsJson() throws Exception {
        start(1);
        EventStream<byte[]> stream = openRaw(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, "*/*", null));
        assertThat(stream.contentType()).isEqualTo(MediaTypes.JSON);
        assertThat(JSON.readTree(next(stream)).path("type").asText()).isEqualTo("SUBSCRIBED");
    }

    /** ⚠ code: the master asks "is JSON acceptable?" first, whatever the order in the header. */
    @Test
    void acceptListingBothEncodingsStreamsJson() throws Exception {
        start(1);
        EventStream<byte[]> stream = openRaw(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF + ", " + MediaTypes.JSON, null));
        assertThat(stream.contentType()).isEqualTo(MediaTypes.JSON);
    }

    @Test
    void acceptRefusingJsonWithQZeroStreamsProtobuf() throws Exception {
        start(1);
        EventStream<byte[]> stream = openRaw(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.JSON + ";q=0, */*", null));
        assertThat(stream.contentType()).isEqualTo(MediaTypes.PROTOBUF);
        assertThat(Event.parseFrom(next(stream)).getType()).isEqualTo(Event.Type.SUBSCRIBED);
    }

    @Test
    void acceptAllowingNeitherEncodingIsRejectedWith406() throws Exception {
        start(1);
        MesosHttpClient.StreamOpening<byte[]> opening = http.openStream(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, "text/html", null), b -> b, RecordIo.DEFAULT_MAX_RECORD_BYTES);
        assertThat(opening).isInstanceOf(MesosHttpClient.StreamOpening.Refused.class);
        assertThat(((MesosHttpClient.StreamOpening.Refused<byte[]>) opening).result().status()).isEqualTo(406);
    }

    // ---------------------------------------------------------------- paths and framing

    @Test
    void masterPrefixedAliasServesTheSchedulerApi() throws Exception {
        start(1);
        URI alias = emulator.masterUri().resolve("/master/api/v1/scheduler");
        TestScheduler s = closeLater(TestScheduler.subscribe(alias, Frameworks.modern("alias")));
        assertThat(s.frameworkId.getValue()).isEqualTo(emulator.masterId() + "-0000");
        CallResult revive = s.simple(Call.Type.REVIVE);
        assertThat(revive.status()).isEqualTo(202);
    }

    /**
     * The raw body of a SUBSCRIBE stream is nothing but RecordIO records (decimal length, newline,
     * exactly that many bytes, no separators), and re-split at arbitrary chunk boundaries it decodes
     * to the same events.
     */
    @Test
    void subscribeStreamDecodesIdenticallyAtRandomChunkBoundaries() throws Exception {
        start(3);
        HttpResponse<InputStream> response = raw.send(HttpRequest.newBuilder(emulator.schedulerEndpoint())
                .header("Content-Type", MediaTypes.PROTOBUF).header("Accept", MediaTypes.PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(subscribeBody())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaTypes.PROTOBUF);
        // read, a byte at a time, until the offers and a second heartbeat are complete
        List<byte[]> records = new ArrayList<>();
        List<Event.Type> types = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (InputStream in = response.body()) {
                RecordIoDecoder whole = new RecordIoDecoder();
                byte[] buffer = new byte[1];
                while (!types.contains(Event.Type.OFFERS)
                        || types.stream().filter(t -> t == Event.Type.HEARTBEAT).count() < 2) {
                    if (in.read(buffer) < 0) {
                        throw new AssertionError("stream ended after " + types);
                    }
                    wire.write(buffer[0]);
                    for (byte[] r : whole.feed(buffer)) {
                        records.add(r);
                        types.add(Event.parseFrom(r).getType());
                    }
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        reading.get(15, TimeUnit.SECONDS);
        assertThat(types).startsWith(Event.Type.SUBSCRIBED, Event.Type.HEARTBEAT);
        ByteArrayOutputStream reframed = new ByteArrayOutputStream();
        for (byte[] r : records) {
            reframed.write(RecordIo.encode(r));
        }
        byte[] bytes = wire.toByteArray();
        assertThat(bytes).isEqualTo(reframed.toByteArray());

        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            RecordIoDecoder decoder = new RecordIoDecoder();
            List<byte[]> split = new ArrayList<>();
            int at = 0;
            while (at < bytes.length) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
                split.addAll(decoder.feed(bytes, at, n));
                at += n;
            }
            assertThat(decoder.atRecordBoundary()).as("seed %d", seed).isTrue();
            assertThat(split).as("seed %d", seed).hasSameSizeAs(records);
            for (int i = 0; i < records.size(); i++) {
                assertThat(Event.parseFrom(split.get(i))).as("seed %d record %d", seed, i)
                        .isEqualTo(Event.parseFrom(records.get(i)));
            }
        }
    }

    // ---------------------------------------------------------------- leadership

    /**
     * Protocol-relative, naming the leader. Real 1.11 keeps the request's path, which libprocess has
     * already prefixed with {@code /master}; the reference writes {@code /api/v1/scheduler}. Both
     * paths are served by every master, so either is accepted here.
     */
    @Test
    void notLeaderAnswers307WithAProtocolRelativeLocation() throws Exception {
        start(1);
        emulator.faults().notLeader("10.1.2.3:5050");
        HttpResponse<String> subscribe = raw.send(HttpRequest.newBuilder(emulator.schedulerEndpoint())
                .header("Content-Type", MediaTypes.PROTOBUF).header("Accept", MediaTypes.PROTOBUF)
                .POST(HttpRequest.BodyPublishers.ofByteArray(subscribeBody())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subscribe.statusCode()).isEqualTo(307);
        assertThat(subscribe.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).matches("//10\\.1\\.2\\.3:5050(/master)?/api/v1/scheduler"));

        CallResult call = http.post(emulator.schedulerEndpoint(), callBody(Call.Type.REVIVE, "some-framework"),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, UUID.randomUUID().toString()));
        assertThat(call).isInstanceOf(CallResult.Redirect.class);
        assertThat(((CallResult.Redirect) call).location().getAuthority()).isEqualTo("10.1.2.3:5050");
    }

    @Test
    void noLeaderAnswers503() throws Exception {
        start(1);
        emulator.faults().notLeader(null);
        CallResult subscribe = http.post(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null));
        assertThat(subscribe.status()).isEqualTo(503);
        CallResult call = http.post(emulator.schedulerEndpoint(), callBody(Call.Type.REVIVE, "some-framework"),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, UUID.randomUUID().toString()));
        assertThat(call.status()).isEqualTo(503);

        emulator.faults().lead();
        assertThat(subscribe("back").frameworkId.getValue()).startsWith(emulator.masterId());
    }

    // ---------------------------------------------------------------- status codes of other calls

    @Test
    void callForUnknownFrameworkIsRejectedWith400FrameworkCannotBeFound() throws Exception {
        start(1);
        CallResult r = http.post(emulator.schedulerEndpoint(), callBody(Call.Type.REVIVE, emulator.masterId() + "-0042"),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, UUID.randomUUID().toString()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(((CallResult.Rejected) r).message()).contains("Framework cannot be found");
    }

    @Test
    void callWithoutStreamIdIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("no-stream-id");
        CallResult r = http.post(emulator.schedulerEndpoint(), callBody(Call.Type.REVIVE, s.frameworkId.getValue()),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null));
        assertThat(r.status()).isEqualTo(400);
        assertThat(((CallResult.Rejected) r).message()).contains("Mesos-Stream-Id");
    }

    @Test
    void callWithStaleStreamIdIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("stale-stream-id");
        String stale = s.streamId;
        s.resubscribe();
        assertThat(s.streamId).isNotEqualTo(stale);
        CallResult r = http.post(emulator.schedulerEndpoint(), callBody(Call.Type.REVIVE, s.frameworkId.getValue()), stale);
        assertThat(r.status()).isEqualTo(400);
        assertThat(s.simple(Call.Type.REVIVE).status()).isEqualTo(202);
    }

    @Test
    void subscribeCarryingAStreamIdIsRejectedWith400() throws Exception {
        start(1);
        CallResult r = http.post(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, UUID.randomUUID().toString()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(((CallResult.Rejected) r).message()).contains("Mesos-Stream-Id");
    }

    /** ⚠ code: SUBSCRIBE negotiates the encoding (406) before it checks for a stream id (400). */
    @Test
    void subscribeWithStreamIdAndUnacceptableEncodingIsRejectedWith406() throws Exception {
        start(1);
        CallResult r = http.post(emulator.schedulerEndpoint(), subscribeBody(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, "text/html", UUID.randomUUID().toString()));
        assertThat(r.status()).isEqualTo(406);
    }

    @Test
    void otherCallsAreAcceptedWith202AndAnEmptyBody() throws Exception {
        start(1);
        TestScheduler s = subscribe("accepted");
        List<Call.Builder> calls = List.of(
                Call.newBuilder().setType(Call.Type.REVIVE),
                Call.newBuilder().setType(Call.Type.SUPPRESS),
                Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()),
                Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                        .addOfferIds(org.apache.mesos.v1.Protos.OfferID.newBuilder().setValue("no-such-offer"))),
                Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
                        .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("no-such-task"))),
                Call.newBuilder().setType(Call.Type.REQUEST).setRequest(Call.Request.getDefaultInstance()));
        for (Call.Builder call : calls) {
            CallResult r = s.call(call);
            assertThat(r.status()).as(call.getType().name()).isEqualTo(202);
            assertThat(((CallResult.Accepted) r).body()).as(call.getType().name()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] subscribeBody() {
        FrameworkInfo info = Frameworks.modern("raw");
        return Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build().toByteArray();
    }

    private static byte[] callBody(Call.Type type, String frameworkId) {
        return Call.newBuilder().setType(type).setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                .build().toByteArray();
    }

    private EventStream<byte[]> openRaw(URI endpoint, byte[] body, Map<String, String> headers) {
        MesosHttpClient.StreamOpening<byte[]> opening = http.openStream(endpoint, body, headers, b -> b,
                RecordIo.DEFAULT_MAX_RECORD_BYTES);
        assertThat(opening).isInstanceOf(MesosHttpClient.StreamOpening.Opened.class);
        return closeLater(((MesosHttpClient.StreamOpening.Opened<byte[]>) opening).stream());
    }

    private static byte[] next(EventStream<byte[]> stream) throws java.io.IOException {
        return stream.poll(TestScheduler.WAIT).orElseThrow(() -> new AssertionError("no record within " + TestScheduler.WAIT));
    }
}
