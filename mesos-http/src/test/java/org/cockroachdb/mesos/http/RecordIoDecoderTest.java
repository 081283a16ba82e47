package org.cockroachdb.mesos.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class RecordIoDecoderTest {

    /** Reference §2: {@code Event{type:HEARTBEAT}} is {@code 08 08}; framed, {@code 32 0A 08 08}. */
    private static final byte[] HEARTBEAT_RECORD = HexFormat.of().parseHex("320a0808");
    /** Reference §2: SUBSCRIBED{framework_id "abc", heartbeat 15} is 20 bytes. */
    private static final byte[] SUBSCRIBED_PAYLOAD =
            HexFormat.of().parseHex("08011210" + "0a050a03616263" + "1100000000" + "00002e40");

    @Test
    void heartbeatExampleFromTheReferenceEncodesAndDecodesWithTheOfficialClasses() throws Exception {
        Event heartbeat = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();

        assertThat(RecordIo.encode(heartbeat.toByteArray())).isEqualTo(HEARTBEAT_RECORD);
        List<byte[]> records = new RecordIoDecoder().feed(HEARTBEAT_RECORD);
        assertThat(records).hasSize(1);
        assertThat(Event.parseFrom(records.get(0))).isEqualTo(heartbeat);
    }

    @Test
    void subscribedExampleFromTheReferenceIsTwentyBytesAndRoundTrips() throws Exception {
        Event subscribed = Event.newBuilder()
                .setType(Event.Type.SUBSCRIBED)
                .setSubscribed(Event.Subscribed.newBuilder()
                        .setFrameworkId(FrameworkID.newBuilder().setValue("abc"))
                        .setHeartbeatIntervalSeconds(15))
                .build();
        assertThat(SUBSCRIBED_PAYLOAD).hasSize(20);
        assertThat(subscribed.toByteArray()).isEqualTo(SUBSCRIBED_PAYLOAD);

        byte[] framed = RecordIo.encode(SUBSCRIBED_PAYLOAD);
        assertThat(new String(framed, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("20\n");
        List<byte[]> records = new RecordIoDecoder().feed(framed);
        assertThat(Event.parseFrom(records.get(0))).isEqualTo(subscribed);
    }

    @Test
    void jsonExampleFromTheReferenceDecodes() throws Exception {
        byte[] framed = "20\n{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.US_ASCII);

        List<byte[]> records = new RecordIoDecoder().feed(framed);

        assertThat(records).singleElement()
                .satisfies(r -> assertThat(new String(r, StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"HEARTBEAT\"}"));
    }

    @Test
    void recordsSurviveRandomChunkBoundaries() throws Exception {
        Random random = new Random(20240611);
        for (int iteration = 0; iteration < 500; iteration++) {
            List<byte[]> sent = randomRecords(random, 1 + random.nextInt(30));
            byte[] stream = concatFramed(sent);

            RecordIoDecoder decoder = new RecordIoDecoder();
            List<byte[]> received = new ArrayList<>();
            for (int i = 0; i < stream.length; ) {
                int n = Math.min(stream.length - i, random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(600));
                received.addAll(decoder.feed(stream, i, n));
                i += n;
            }
            decoder.finish();

            assertThat(received).as("iteration %d", iteration).hasSameSizeAs(sent);
            for (int r = 0; r < sent.size(); r++) {
                assertThat(received.get(r)).as("iteration %d record %d", iteration, r).isEqualTo(sent.get(r));
            }
        }
    }

    @Test
    void oneChunkMayHoldManyRecordsAndEndMidLength() throws Exception {
        byte[] stream = "1\na2\nbc3\ndef".getBytes(StandardCharsets.US_ASCII);
        RecordIoDecoder decoder = new RecordIoDecoder();

        List<byte[]> first = decoder.feed(stream, 0, 6); // "1\na2\nb"
        List<byte[]> second = decoder.feed(stream, 6, stream.length - 6);

        assertThat(first).map(String::new).containsExactly("a");
        assertThat(second).map(String::new).containsExactly("bc", "def");
        assertThat(decoder.atRecordBoundary()).isTrue();
    }

    @Test
    void nonDigitInTheLengthIsRejectedNamingTheByte() {
        RecordIoDecoder decoder = new RecordIoDecoder();

        assertThatThrownBy(() -> decoder.feed("1x\nab".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(RecordIoException.class)
                .hasMessage("RecordIO length contains non-digit byte 0x78 after '1'");
    }

    @Test
    void aDecoderThatFailedStaysFailed() {
        RecordIoDecoder decoder = new RecordIoDecoder();
        assertThatThrownBy(() -> decoder.feed("-1\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(RecordIoException.class);

        assertThatThrownBy(() -> decoder.feed(HEARTBEAT_RECORD)).hasMessageContaining("already failed");
    }

    @Test
    void zeroLengthIsRejected() {
        assertThatThrownBy(() -> new RecordIoDecoder().feed("0\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(RecordIoException.class)
                .hasMessage("RecordIO length is 0; records are never empty");
    }

    @Test
    void emptyLengthIsRejected() {
        assertThatThrownBy(() -> new RecordIoDecoder().feed("\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(RecordIoException.class)
                .hasMessage("RecordIO length is empty");
    }

    @Test
    void recordLargerThanTheCapIsRejected() {
        assertThatThrownBy(() -> new RecordIoDecoder(1024).feed("1025\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(RecordIoException.class)
                .hasMessage("RecordIO record of at least 1025 bytes exceeds the cap of 1024 bytes");
    }

    @Test
    void absurdLengthIsRejectedBeforeItsNewlineWithoutOverflowing() {
        RecordIoDecoder decoder = new RecordIoDecoder();

        assertThatThrownBy(() -> decoder.feed("99999999999999999999999".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(RecordIoException.class)
                .hasMessageContaining("exceeds the cap of " + RecordIo.DEFAULT_MAX_RECORD_BYTES);
    }

    @Test
    void streamEndingInsideAPayloadIsTruncated() throws Exception {
        RecordIoDecoder decoder = new RecordIoDecoder();
        decoder.feed("5\nab".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(decoder::finish)
                .isInstanceOf(RecordIoException.class)
                .hasMessage("RecordIO stream ended after 2 of 5 bytes of a record");
    }

    @Test
    void streamEndingInsideALengthIsTruncated() throws Exception {
        RecordIoDecoder decoder = new RecordIoDecoder();
        decoder.feed(HEARTBEAT_RECORD);
        decoder.feed("1".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(decoder::finish)
                .isInstanceOf(RecordIoException.class)
                .hasMessage("RecordIO stream ended inside a length ('1')");
    }

    @Test
    void streamEndingBetweenRecordsFinishesCleanly() throws Exception {
        RecordIoDecoder decoder = new RecordIoDecoder();
        decoder.feed(HEARTBEAT_RECORD);

        decoder.finish();
    }

    @Test
    void encodeRefusesAnEmptyRecord() {
        assertThatThrownBy(() -> RecordIo.encode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<byte[]> randomRecords(Random random, int count) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // Mostly heartbeat-sized, sometimes offer-sized, with lengths of 1 to 5 digits.
            int size = random.nextInt(10) == 0 ? 1 + random.nextInt(20_000) : 1 + random.nextInt(120);
            byte[] record = new byte[size];
            random.nextBytes(record);
            records.add(record);
        }
        return records;
    }

    private static byte[] concatFramed(List<byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach(r -> out.writeBytes(RecordIo.encode(r)));
        return out.toByteArray();
    }
}
