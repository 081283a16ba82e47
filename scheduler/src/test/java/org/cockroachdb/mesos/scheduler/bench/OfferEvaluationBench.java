package org.cockroachdb.mesos.scheduler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.cockroachdb.mesos.scheduler.config.DiskType;
import org.cockroachdb.mesos.scheduler.config.PlacementRule;
import org.cockroachdb.mesos.scheduler.offer.Evaluation;
import org.cockroachdb.mesos.scheduler.offer.OfferEvaluator;
import org.cockroachdb.mesos.scheduler.offer.PlacedPod;
import org.cockroachdb.mesos.scheduler.offer.PodRequirement;
import org.cockroachdb.mesos.scheduler.offer.ReservationOwner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One pod evaluated against 1,000 agents' offers, each with a realistic resource list (cpus, mem,
 * root disk, two MOUNT disks, ports, some of our own reservations) and attributes, under
 * hostname:UNIQUE + zone:GROUP_BY with 9 pods already placed.
 * <ul>
 * <li>{@code worstCase}: only the last offer fits; the 999 before it are short of cpus, so every
 *     offer is fully evaluated and a reason line is built for each.</li>
 * <li>{@code typical}: every agent has room; the first few host pods already (refused by
 *     hostname:UNIQUE or by the zone spread), and the match comes early.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OfferEvaluationBench {

    private static final int AGENTS = 1000;
    private static final String ROLE = "cockroachdb-role";
    private static final ReservationOwner OWNER = new ReservationOwner(ROLE, "cockroachdb-principal");

    @Param({"worstCase", "typical"})
    public String scenario;

    private PodRequirement requirement;
    private List<Protos.Offer> offers;
    private List<PlacedPod> others;

    @Setup
    public void setUp() {
        requirement = new PodRequirement("cockroachdb-9", 2.0, 4096, List.of(26257L, 8080L), 0.1, 32,
                10240, DiskType.ROOT, "cockroach-data",
                List.of(new PlacementRule.Unique(PlacementRule.HOSTNAME), new PlacementRule.GroupBy("zone", 3)),
                Optional.empty());
        others = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            others.add(new PlacedPod("cockroachdb-" + i, "agent-id-" + i, "agent-" + i, Map.of("zone", zone(i))));
        }
        offers = new ArrayList<>();
        boolean worst = scenario.equals("worstCase");
        for (int i = 0; i < AGENTS; i++) {
            boolean fits = !worst || i == AGENTS - 1;
            offers.add(offer(i, fits ? 8.0 : 1.0));
        }
    }

    @Benchmark
    public Evaluation evaluate() {
        Evaluation evaluation = OfferEvaluator.evaluate(requirement, offers, others, OWNER, ids());
        if (!(evaluation instanceof Evaluation.Match)) {
            List<String> reasons = ((Evaluation.NoMatch) evaluation).reasons();
            throw new IllegalStateException("the benchmark expects a match; " + reasons.size()
                    + " offers refused, the last as " + reasons.get(reasons.size() - 1));
        }
        return evaluation;
    }

    private static Supplier<String> ids() {
        int[] next = {0};
        return () -> "00000000-0000-4000-8000-" + String.format("%012d", ++next[0]);
    }

    private static String zone(int agent) {
        return "zone-" + (agent % 3);
    }

    private static Protos.Offer offer(int i, double cpus) {
        Protos.Offer.Builder offer = Protos.Offer.newBuilder()
                .setId(Protos.OfferID.newBuilder().setValue("offer-" + i))
                .setFrameworkId(Protos.FrameworkID.newBuilder().setValue("framework"))
                .setAgentId(Protos.AgentID.newBuilder().setValue("agent-id-" + i))
                .setHostname("agent-" + i)
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE))
                .addResources(scalar("cpus", cpus))
                .addResources(scalar("mem", 31744))
                .addResources(scalar("disk", 204800))
                .addResources(mount(500000, "/mnt/disk0"))
                .addResources(mount(500000, "/mnt/disk1"))
                .addResources(scalar("ports", 0).toBuilder().clearScalar().setType(Value.Type.RANGES)
                        .setRanges(Value.Ranges.newBuilder()
                                .addRange(Value.Range.newBuilder().setBegin(1025).setEnd(2180))
                                .addRange(Value.Range.newBuilder().setBegin(2182).setEnd(3887))
                                .addRange(Value.Range.newBuilder().setBegin(3889).setEnd(5049))
                                .addRange(Value.Range.newBuilder().setBegin(5052).setEnd(8180))
                                .addRange(Value.Range.newBuilder().setBegin(8182).setEnd(32000))))
                .addResources(ourReservation(scalar("cpus", 0.5), "leftover-" + i))
                .addAttributes(text("zone", zone(i)))
                .addAttributes(text("rack", "rack-" + (i % 40)));
        return offer.build();
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE))
                .build();
    }

    private static Resource mount(double mib, String root) {
        return scalar("disk", mib).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setSource(Resource.DiskInfo.Source.newBuilder().setType(Resource.DiskInfo.Source.Type.MOUNT)
                        .setMount(Resource.DiskInfo.Source.Mount.newBuilder().setRoot(root)))).build();
    }

    private static Resource ourReservation(Resource resource, String id) {
        return resource.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(ROLE).setPrincipal("cockroachdb-principal")
                .setLabels(Protos.Labels.newBuilder().addLabels(
                        Protos.Label.newBuilder().setKey("resource_id").setValue(id)))).build();
    }

    private static Protos.Attribute text(String name, String value) {
        return Protos.Attribute.newBuilder().setName(name).setType(Value.Type.TEXT)
                .setText(Value.Text.newBuilder().setValue(value)).build();
    }
}
