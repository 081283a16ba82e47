package org.cockroachdb.mesos.testkit.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.EventStream;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.RecordIo;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;

/**
 * Prints two figures for docs/BENCHMARKS.md:
 * <ol>
 *   <li>offer round-trips per second against the in-process emulator (3 agents): SUBSCRIBE, then
 *   repeatedly OFFERS → DECLINE(refuse 0 s) of every offer → next OFFERS, over real HTTP on loopback,
 *   with the allocation interval set to 1 ms so the figure measures the emulator and the wire, not
 *   the interval;</li>
 *   <li>time from starting the standalone emulator process (real-Mesos timings, 1 s allocation
 *   interval) to the first OFFERS event carrying all 3 agents.</li>
 * </ol>
 */
public final class OfferRoundTripBench {
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final int ROUNDS = 3;
    private static final int STARTS = 5;

    private OfferRoundTripBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("offer-bench");
        try (MesosEmulator emulator = MesosEmulator.start(EmulatorConfig.withAgents(3, work)
                .withAllocationInterval(Duration.ofMillis(1)))) {
            Subscription s = Subscription.open(emulator.schedulerEndpoint());
            roundTrips(s, WARMUP);
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                rates.add(roundTrips(s, MEASURE) / (MEASURE.toMillis() / 1000.0));
            }
            s.stream.close();
            Collections.sort(rates);
            System.out.printf("offer round-trips/s (3 agents, 3 offers each): min %.0f  median %.0f  max %.0f%n",
                    rates.get(0), rates.get(rates.size() / 2), rates.get(rates.size() - 1));
        }
        List<Long> total = new ArrayList<>();
        List<Long> afterReady = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            long[] t = startToOffersMillis();
            total.add(t[0]);
            afterReady.add(t[1]);
        }
        print("standalone process start -> 3 agents' offers (ms)", total);
        print("master URL printed -> SUBSCRIBE answered with 3 agents' offers (ms)", afterReady);
    }

    /** Declines every offer as soon as it arrives; counts OFFERS events seen within {@code length}. */
    private static long roundTrips(Subscription s, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        long count = 0;
        while (System.nanoTime() < end) {
            Optional<Event> e = s.stream.poll(Duration.ofSeconds(5));
            if (e.isEmpty()) {
                throw new IllegalStateException("no event for 5 s");
            }
            if (e.get().getType() != Event.Type.OFFERS) {
                continue;
            }
            Call.Decline.Builder decline = Call.Decline.newBuilder().setFilters(Filters.newBuilder().setRefuseSeconds(0));
            for (Offer o : e.get().getOffers().getOffersList()) {
                decline.addOfferIds(o.getId());
            }
            CallResult r = s.http.post(s.endpoint, Call.newBuilder().setType(Call.Type.DECLINE)
                    .setFrameworkId(s.frameworkId).setDecline(decline).build().toByteArray(), s.stream.streamId());
            if (!r.isSuccess()) {
                throw new IllegalStateException("DECLINE failed: " + r);
            }
            count++;
        }
        return count;
    }

    private static void print(String what, List<Long> values) {
        Collections.sort(values);
        System.out.printf("%s: min %d  median %d  max %d%n", what, values.get(0), values.get(values.size() / 2),
                values.get(values.size() - 1));
    }

    /** {process start to offers, master URL printed to offers}, in milliseconds. */
    private static long[] startToOffersMillis() throws Exception {
        Path work = Files.createTempDirectory("offer-bench-standalone");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.cockroachdb.mesos.testkit.emulator.EmulatorMain", "--agents", "3", "--port", "0",
                "--work-dir", work.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            URI master = URI.create(out.readLine().trim());
            long ready = System.nanoTime();
            Subscription s = Subscription.open(master.resolve("/api/v1/scheduler"));
            Set<String> agents = new HashSet<>();
            while (agents.size() < 3) {
                Event e = s.stream.poll(Duration.ofSeconds(10)).orElseThrow();
                if (e.getType() == Event.Type.OFFERS) {
                    e.getOffers().getOffersList().forEach(o -> agents.add(o.getAgentId().getValue()));
                }
            }
            long done = System.nanoTime();
            s.stream.close();
            return new long[] {(done - t0) / 1_000_000, (done - ready) / 1_000_000};
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    private record Subscription(MesosHttpClient http, URI endpoint, org.apache.mesos.v1.Protos.FrameworkID frameworkId,
                                EventStream<Event> stream) {
        static Subscription open(URI endpoint) throws Exception {
            MesosHttpClient http = new MesosHttpClient(Duration.ofSeconds(20));
            FrameworkInfo info = FrameworkInfo.newBuilder().setUser("bench").setName("offer-bench").addRoles("bench")
                    .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
                    .build();
            Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                    .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
            var opening = http.openStream(endpoint, subscribe.toByteArray(),
                    MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null), Event::parseFrom,
                    RecordIo.DEFAULT_MAX_RECORD_BYTES);
            if (!(opening instanceof MesosHttpClient.StreamOpening.Opened<Event> opened)) {
                throw new IllegalStateException("SUBSCRIBE refused: " + opening);
            }
            Event first = opened.stream().poll(Duration.ofSeconds(10)).orElseThrow();
            return new Subscription(http, endpoint, first.getSubscribed().getFrameworkId(), opened.stream());
        }
    }
}
