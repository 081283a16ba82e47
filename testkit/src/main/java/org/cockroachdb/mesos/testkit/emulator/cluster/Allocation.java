package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.DomainInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.URL;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.testkit.emulator.resources.ReservationFormat;
import org.cockroachdb.mesos.testkit.emulator.resources.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers, one per (agent, role), FIFO across frameworks instead of DRF. Reserved resources go only
 * to their role and its sub-roles; refuse filters hide an offer only while the refused set covers
 * what would be offered; SUPPRESS/REVIVE per role; an offer needs some cpus or mem (min allocatable).
 */
final class Allocation {
    private static final Logger LOG = LoggerFactory.getLogger(Allocation.class);
    private static final long ONE_YEAR_SECONDS = 365L * 24 * 3600;

    private final Cluster c;
    final Map<String, Outstanding> offers = new LinkedHashMap<>();
    private final List<RefuseFilter> filters = new ArrayList<>();

    /** An offer the scheduler holds. {@code resources} are in the internal (stack, no allocation) form. */
    record Outstanding(Offer offer, Framework framework, Agent agent, String role, Resources resources) {}

    private record RefuseFilter(Framework framework, String role, Agent agent, Resources resources, long untilNanos) {}

    Allocation(Cluster c) {
        this.c = c;
    }

    Resources used(Agent a) {
        Resources used = Resources.empty();
        for (Task t : a.tasks.values()) {
            if (t.holdsResources()) {
                used = used.plus(t.resources);
            }
        }
        for (Executor e : a.executors.values()) {
            if (!e.terminated) {
                used = used.plus(e.resources);
            }
        }
        return used;
    }

    Resources available(Agent a) {
        Resources taken = used(a);
        for (Outstanding o : offers.values()) {
            if (o.agent() == a) {
                taken = taken.plus(o.resources());
            }
        }
        Optional<Resources> left = a.total.minus(taken.toList());
        if (left.isEmpty()) {
            LOG.error("agent {} has more in use {} than it has {}", a.id, taken, a.total);
            return Resources.empty();
        }
        return left.get();
    }

    void allocate() {
        if (!c.leadership.leading()) {
            return;
        }
        long now = System.nanoTime();
        filters.removeIf(f -> f.untilNanos() <= now);
        Map<Framework, List<Offer>> made = new LinkedHashMap<>();
        for (Agent a : c.agents) {
            if (!a.offerable()) {
                continue;
            }
            Resources avail = available(a);
            for (Framework f : c.frameworks.values()) {
                if (!f.connected) {
                    continue;
                }
                for (String role : f.roles()) {
                    if (f.suppressedRoles.contains(role)) {
                        continue;
                    }
                    Resources offerable = avail.filter(r -> allocatableTo(r, role)
                            && (f.refinement() || r.getReservationsCount() <= 1));
                    if (offerable.isEmpty() || !minAllocatable(offerable) || filtered(f, role, a, offerable)) {
                        continue;
                    }
                    made.computeIfAbsent(f, k -> new ArrayList<>()).add(makeOffer(f, role, a, offerable));
                    avail = avail.minus(offerable.toList()).orElseThrow();
                }
            }
        }
        made.forEach((f, list) -> c.send(f, Event.newBuilder().setType(Event.Type.OFFERS)
                .setOffers(Event.Offers.newBuilder().addAllOffers(list)).build()));
    }

    /**
     * Unreserved, reserved to the role, or reserved to one of its ancestors: a sub-role may use its
     * parent's reservations (and refine them). Refined reservations go only to frameworks that can
     * read the post-refinement format.
     */
    private static boolean allocatableTo(Resource r, String role) {
        String reservedRole = ReservationFormat.reservedRole(r);
        return !ReservationFormat.isReserved(r) || reservedRole.equals(role) || role.startsWith(reservedRole + "/");
    }

    private static boolean minAllocatable(Resources r) {
        return r.scalar("cpus") >= 0.01 || r.scalar("mem") >= 32;
    }

    private boolean filtered(Framework f, String role, Agent a, Resources offerable) {
        for (RefuseFilter x : filters) {
            if (x.framework() == f && x.role().equals(role) && x.agent() == a && x.resources().contains(offerable)) {
                return true;
            }
        }
        return false;
    }

    private Offer makeOffer(Framework f, String role, Agent a, Resources resources) {
        String id = c.ids.nextOffer(c.masterId);
        Offer.Builder o = Offer.newBuilder()
                .setId(OfferID.newBuilder().setValue(id))
                .setFrameworkId(FrameworkID.newBuilder().setValue(f.id))
                .setAgentId(AgentID.newBuilder().setValue(a.id))
                .setHostname(a.spec.hostname())
                .setUrl(URL.newBuilder().setScheme("http").setPath("/slave(1)")
                        .setAddress(Address.newBuilder().setHostname(a.spec.hostname()).setIp(a.spec.hostname()).setPort(a.port)));
        for (Resource r : resources.toList()) {
            o.addResources(toFramework(f, role, r));
        }
        a.spec.attributes().forEach((k, v) -> o.addAttributes(attribute(k, v)));
        for (Executor e : a.executors.values()) {
            if (e.framework == f && !e.terminated) {
                o.addExecutorIds(e.info.getExecutorId());
            }
        }
        if (f.multiRole()) {
            o.setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role));
        }
        a.spec.domain().ifPresent(d -> o.setDomain(DomainInfo.newBuilder().setFaultDomain(
                DomainInfo.FaultDomain.newBuilder()
                        .setRegion(DomainInfo.FaultDomain.RegionInfo.newBuilder().setName(d.region()))
                        .setZone(DomainInfo.FaultDomain.ZoneInfo.newBuilder().setName(d.zone())))));
        Offer offer = o.build();
        offers.put(id, new Outstanding(offer, f, a, role, resources));
        return offer;
    }

    /** The resource as this framework sees it: its reservation format, and allocation info if MULTI_ROLE. */
    static Resource toFramework(Framework f, String role, Resource r) {
        Resource out = f.refinement() ? r : ReservationFormat.toLegacy(r);
        if (f.multiRole()) {
            out = out.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(role)).build();
        }
        return out;
    }

    private static Attribute attribute(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            return Attribute.newBuilder().setName(name).setType(Value.Type.SCALAR)
                    .setScalar(Value.Scalar.newBuilder().setValue(d)).build();
        } catch (NumberFormatException e) {
            return Attribute.newBuilder().setName(name).setType(Value.Type.TEXT)
                    .setText(Value.Text.newBuilder().setValue(value)).build();
        }
    }

    void refuse(Framework f, Outstanding o, Resources leftover, Filters filters) {
        double seconds = filters != null && filters.hasRefuseSeconds() ? filters.getRefuseSeconds()
                : c.config.defaultRefuseSeconds().toMillis() / 1000.0;
        if (leftover.isEmpty() || seconds <= 0 || Double.isNaN(seconds)) {
            return;
        }
        long nanos = (long) (Math.min(seconds, ONE_YEAR_SECONDS) * 1e9);
        this.filters.add(new RefuseFilter(f, o.role(), o.agent(), leftover, System.nanoTime() + nanos));
    }

    void decline(Framework f, List<OfferID> ids, Filters filters) {
        for (OfferID id : ids) {
            Outstanding o = offers.get(id.getValue());
            if (o == null || o.framework() != f) {
                continue; // unknown offer IDs are ignored
            }
            offers.remove(id.getValue());
            refuse(f, o, o.resources(), filters);
        }
    }

    void revive(Framework f, List<String> roles) {
        if (!f.roles().containsAll(roles)) {
            return; // any unsubscribed role makes the call a silent no-op
        }
        Collection<String> target = roles.isEmpty() ? f.roles() : roles;
        f.suppressedRoles.removeAll(target);
        dropFiltersOf(f, target);
        c.later(this::allocate);
    }

    void suppress(Framework f, List<String> roles) {
        if (!f.roles().containsAll(roles)) {
            return;
        }
        f.suppressedRoles.addAll(roles.isEmpty() ? f.roles() : roles);
    }

    void dropOffersOf(Framework f) {
        offers.values().removeIf(o -> o.framework() == f);
    }

    void dropFiltersOf(Framework f) {
        filters.removeIf(x -> x.framework() == f);
    }

    void dropFiltersOf(Framework f, Collection<String> roles) {
        filters.removeIf(x -> x.framework() == f && roles.contains(x.role()));
    }

    void forgetAll() {
        offers.clear();
        filters.clear();
    }

    void rescind(Outstanding o) {
        offers.remove(o.offer().getId().getValue());
        c.send(o.framework(), Event.newBuilder().setType(Event.Type.RESCIND)
                .setRescind(Event.Rescind.newBuilder().setOfferId(o.offer().getId())).build());
    }

    void rescindOffersOn(Agent a) {
        List.copyOf(offers.values()).stream().filter(o -> o.agent() == a).forEach(this::rescind);
    }

    void rescindOffersForRoles(Framework f, Set<String> roles) {
        List.copyOf(offers.values()).stream().filter(o -> o.framework() == f && roles.contains(o.role()))
                .forEach(this::rescind);
    }

    /** Fault injection: rescind one offer, or every offer of a framework when {@code offerId} is null. */
    int rescindForFault(String frameworkId, String offerId) {
        List<Outstanding> victims = offers.values().stream()
                .filter(o -> offerId != null ? o.offer().getId().getValue().equals(offerId)
                        : o.framework().id.equals(frameworkId))
                .toList();
        victims.forEach(this::rescind);
        return victims.size();
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }
}
