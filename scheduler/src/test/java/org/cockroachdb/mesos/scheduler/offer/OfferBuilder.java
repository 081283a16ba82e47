package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;

/** Hand-built offers as a MULTI_ROLE, RESERVATION_REFINEMENT framework receives them. */
public final class OfferBuilder {

    public static final String ROLE = "cockroachdb-role";
    public static final String PRINCIPAL = "cockroachdb-principal";
    public static final ReservationOwner OWNER = new ReservationOwner(ROLE, PRINCIPAL);

    private final Protos.Offer.Builder offer = Protos.Offer.newBuilder();

    private OfferBuilder(String agentId, String hostname) {
        offer.setId(Protos.OfferID.newBuilder().setValue("offer-" + agentId))
                .setFrameworkId(Protos.FrameworkID.newBuilder().setValue("framework-1"))
                .setAgentId(Protos.AgentID.newBuilder().setValue(agentId))
                .setHostname(hostname)
                .setAllocationInfo(allocation());
    }

    public static OfferBuilder agent(String agentId, String hostname) {
        return new OfferBuilder(agentId, hostname);
    }

    /** A roomy agent: 8 cpus, 16 GiB, 100 GiB root disk, ports 8000-9000 and 20000-30000 (one resource, as Mesos merges them). */
    public static OfferBuilder roomy(String agentId, String hostname) {
        return agent(agentId, hostname).cpus(8).mem(16384).disk(102400).ports(8000, 9000, 20000, 30000);
    }

    public OfferBuilder cpus(double cpus) {
        return add(scalar("cpus", cpus));
    }

    public OfferBuilder mem(double mib) {
        return add(scalar("mem", mib));
    }

    public OfferBuilder disk(double mib) {
        return add(scalar("disk", mib));
    }

    public OfferBuilder mountDisk(double mib, String root) {
        return add(sourced(mib, Resource.DiskInfo.Source.newBuilder()
                .setType(Resource.DiskInfo.Source.Type.MOUNT)
                .setMount(Resource.DiskInfo.Source.Mount.newBuilder().setRoot(root))));
    }

    public OfferBuilder pathDisk(double mib, String root) {
        return add(sourced(mib, Resource.DiskInfo.Source.newBuilder()
                .setType(Resource.DiskInfo.Source.Type.PATH)
                .setPath(Resource.DiskInfo.Source.Path.newBuilder().setRoot(root))));
    }

    /** One ports resource of ranges given as begin, end, begin, end, ... */
    public OfferBuilder ports(long... beginEnd) {
        return add(ranges(beginEnd));
    }

    public OfferBuilder add(Resource resource) {
        offer.addResources(resource);
        return this;
    }

    public OfferBuilder addAll(List<Resource> resources) {
        resources.forEach(this::add);
        return this;
    }

    public OfferBuilder text(String name, String value) {
        offer.addAttributes(Protos.Attribute.newBuilder().setName(name).setType(Protos.Value.Type.TEXT)
                .setText(Protos.Value.Text.newBuilder().setValue(value)));
        return this;
    }

    public OfferBuilder attribute(Protos.Attribute attribute) {
        offer.addAttributes(attribute);
        return this;
    }

    public Protos.Offer build() {
        return offer.build();
    }

    public static Protos.Resource.AllocationInfo allocation() {
        return Protos.Resource.AllocationInfo.newBuilder().setRole(ROLE).build();
    }

    public static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Protos.Value.Type.SCALAR)
                .setScalar(Protos.Value.Scalar.newBuilder().setValue(value))
                .setAllocationInfo(allocation())
                .build();
    }

    public static Resource ranges(long... beginEnd) {
        Protos.Value.Ranges.Builder ranges = Protos.Value.Ranges.newBuilder();
        for (int i = 0; i < beginEnd.length; i += 2) {
            ranges.addRange(Protos.Value.Range.newBuilder().setBegin(beginEnd[i]).setEnd(beginEnd[i + 1]));
        }
        return Resource.newBuilder().setName("ports").setType(Protos.Value.Type.RANGES)
                .setRanges(ranges)
                .setAllocationInfo(allocation())
                .build();
    }

    public static Resource sourced(double mib, Resource.DiskInfo.Source.Builder source) {
        return scalar("disk", mib).toBuilder()
                .setDisk(Resource.DiskInfo.newBuilder().setSource(source))
                .build();
    }

    /** The resource with a one-entry DYNAMIC reservation stack. */
    public static Resource reserved(Resource resource, String role, String principal, String resourceId) {
        Resource.ReservationInfo.Builder reservation = Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(role).setPrincipal(principal);
        if (resourceId != null) {
            reservation.setLabels(Protos.Labels.newBuilder()
                    .addLabels(Protos.Label.newBuilder().setKey("resource_id").setValue(resourceId)));
        }
        return resource.toBuilder().addReservations(reservation).build();
    }

    public static Resource ours(Resource resource, String resourceId) {
        return reserved(resource, ROLE, PRINCIPAL, resourceId);
    }

    /** A static reservation for the role (pre-reserved on the agent's command line). */
    public static Resource statically(Resource resource, String role) {
        return resource.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.STATIC).setRole(role)).build();
    }

    public static Resource volume(Resource reservedDisk, String persistenceId, String principal) {
        return reservedDisk.toBuilder()
                .setDisk(reservedDisk.getDisk().toBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder()
                                .setId(persistenceId).setPrincipal(principal))
                        .setVolume(Protos.Volume.newBuilder().setContainerPath("cockroach-data")
                                .setMode(Protos.Volume.Mode.RW)))
                .build();
    }

    /** "id-1", "id-2", ...: a deterministic stand-in for UUIDs. */
    public static Supplier<String> counter() {
        int[] next = {0};
        return () -> "id-" + ++next[0];
    }

    public static List<Protos.Offer> offers(OfferBuilder... builders) {
        List<Protos.Offer> offers = new ArrayList<>();
        for (OfferBuilder b : builders) {
            offers.add(b.build());
        }
        return offers;
    }
}
