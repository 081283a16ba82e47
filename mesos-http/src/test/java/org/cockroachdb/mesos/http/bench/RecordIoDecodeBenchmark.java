package org.cockroachdb.mesos.http.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.RecordIo;
import org.cockroachdb.mesos.http.RecordIoDecoder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast a Mesos event stream decodes: a few MiB of RecordIO-framed scheduler events, fed in
 * HTTP-chunk-sized slices that ignore record boundaries. {@code decode} is framing alone;
 * {@code decodeAndParse} adds {@code Event.parseFrom}, which is what a subscription really does.
 * The {@code megabytes} counter reads directly as MB/s (10^6 bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RecordIoDecodeBenchmark {
    private static final int STREAM_BYTES = 4 * 1024 * 1024;

    /** ~100 B is a heartbeat/update-sized event; ~4 KiB an offer with a few resources and attributes. */
    @Param({"100", "4096"})
    public int eventBytes;

    @Param({"8192"})
    public int chunkBytes;

    private byte[] stream;

    /** Bytes decoded, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double megabytes;

        @Setup(Level.Iteration)
        public void clear() {
            megabytes = 0;
        }
    }

    @Setup
    public void buildStream() {
        byte[] framed = RecordIo.encode(eventOfSize(eventBytes).toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream(STREAM_BYTES + framed.length);
        while (out.size() < STREAM_BYTES) {
            out.writeBytes(framed);
        }
        stream = out.toByteArray();
    }

    @Benchmark
    public void decode(Throughput throughput, Blackhole sink) throws IOException {
        RecordIoDecoder decoder = new RecordIoDecoder();
        for (int offset = 0; offset < stream.length; offset += chunkBytes) {
            List<byte[]> records = decoder.feed(stream, offset, Math.min(chunkBytes, stream.length - offset));
            for (byte[] record : records) {
                sink.consume(record);
            }
        }
        decoder.finish();
        throughput.megabytes += stream.length / 1e6;
    }

    @Benchmark
    public void decodeAndParse(Throughput throughput, Blackhole sink) throws IOException {
        RecordIoDecoder decoder = new RecordIoDecoder();
        for (int offset = 0; offset < stream.length; offset += chunkBytes) {
            for (byte[] record : decoder.feed(stream, offset, Math.min(chunkBytes, stream.length - offset))) {
                sink.consume(Event.parseFrom(record));
            }
        }
        decoder.finish();
        throughput.megabytes += stream.length / 1e6;
    }

    /** A realistic OFFERS event, padded (through the hostname) to exactly {@code size} serialized bytes. */
    static Event eventOfSize(int size) {
        boolean withResources = size >= 1024; // offer-sized events carry resources; small ones stand in for updates
        int padding = Math.max(0, size - offers("", withResources).getSerializedSize());
        Event padded = offers("h".repeat(padding), withResources);
        // A longer string may need one more length byte; trim until it fits.
        while (padded.getSerializedSize() > size && padding > 0) {
            padded = offers("h".repeat(--padding), withResources);
        }
        return padded;
    }

    private static Event offers(String hostnamePadding, boolean withResources) {
        Offer.Builder offer = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue("8d3f6e2a-1c4b-4f6e-9a57-0c1d2e3f4a5b-O42"))
                .setFrameworkId(FrameworkID.newBuilder().setValue("8d3f6e2a-1c4b-4f6e-9a57-0c1d2e3f4a5b-0001"))
                .setAgentId(AgentID.newBuilder().setValue("8d3f6e2a-1c4b-4f6e-9a57-0c1d2e3f4a5b-S3"))
                .setHostname("a" + hostnamePadding);
        if (withResources) {
            for (String name : new String[] {"cpus", "mem", "disk"}) {
                offer.addResources(Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                        .setScalar(Value.Scalar.newBuilder().setValue(4)));
            }
        }
        return Event.newBuilder().setType(Event.Type.OFFERS)
                .setOffers(Event.Offers.newBuilder().addOffers(offer))
                .build();
    }
}
