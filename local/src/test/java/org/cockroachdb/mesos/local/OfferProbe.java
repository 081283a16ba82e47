package org.cockroachdb.mesos.local;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.detect.MasterDetector;
import org.cockroachdb.mesos.http.detect.MasterDetectors;
import org.cockroachdb.mesos.http.scheduler.SchedulerClient;
import org.cockroachdb.mesos.http.scheduler.SchedulerListener;
import org.cockroachdb.mesos.http.scheduler.SchedulerSession;

/**
 * A framework that only looks: finds the master through {@code MESOS_MASTER} as the scheduler
 * would, subscribes, and keeps every offer it gets.
 */
final class OfferProbe implements AutoCloseable {
    private static final FrameworkInfo INFO = FrameworkInfo.newBuilder().setUser("nobody").setName("offer-probe")
            .addRoles("probe-role").setFailoverTimeout(60)
            .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
            .build();

    private final MasterDetector detector;
    private final SchedulerClient client;
    private final List<Offer> offers = new CopyOnWriteArrayList<>();

    private OfferProbe(String mesosMaster) {
        detector = MasterDetectors.fromUrl(mesosMaster);
        Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(INFO)).build();
        client = SchedulerClient.builder(detector, () -> subscribe, new SchedulerListener() {
            @Override
            public void subscribed(SchedulerSession session) {}

            @Override
            public void received(Event event) {
                if (event.getType() == Event.Type.OFFERS) {
                    offers.addAll(event.getOffers().getOffersList());
                }
            }

            @Override
            public void disconnected(String reason) {}
        }).build();
        client.start();
    }

    static OfferProbe subscribe(String mesosMaster) {
        return new OfferProbe(mesosMaster);
    }

    Optional<URI> leader() {
        return detector.leader();
    }

    Set<String> offeredHosts() {
        return offers.stream().map(Offer::getHostname).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every port in the first offer from {@code host}. */
    Set<Long> portsOffered(String host) {
        return resources(host).stream().filter(r -> r.getName().equals("ports"))
                .flatMap(r -> r.getRanges().getRangeList().stream())
                .flatMap(range -> LongStream.rangeClosed(range.getBegin(), range.getEnd()).boxed())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    double scalar(String host, String name) {
        return resources(host).stream().filter(r -> r.getName().equals(name))
                .mapToDouble(r -> r.getScalar().getValue()).sum();
    }

    private List<Resource> resources(String host) {
        return offers.stream().filter(o -> o.getHostname().equals(host)).findFirst()
                .map(Offer::getResourcesList).orElse(List.of());
    }

    @Override
    public void close() {
        client.close();
        detector.close();
    }
}
