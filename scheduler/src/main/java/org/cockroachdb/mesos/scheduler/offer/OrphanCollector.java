package org.cockroachdb.mesos.scheduler.offer;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos;
public final class OrphanCollector {
    public static List<Protos.Offer.Operation> operations(Protos.Offer offer, Set<String> liveResourceIds, ReservationOwner owner) { throw new UnsupportedOperationException(); }
    public static Set<String> resourceIds(Collection<Protos.Resource> resources) { throw new UnsupportedOperationException(); }
}
