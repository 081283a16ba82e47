package org.cockroachdb.mesos.scheduler.offer;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.mesos.v1.Protos.Resource;

/**
 * The {@code resource_id} labels of our reservations among some resources: one per reservation,
 * never a volume's persistence id (a volume lives on its disk's reservation). Duplicates collapse:
 * resources that share a reservation name it once.
 */
public final class ReservationIds {

    private ReservationIds() {
    }

    public static Set<String> of(Collection<Resource> resources) {
        Set<String> ids = new LinkedHashSet<>();
        for (Resource resource : resources) {
            Reservations.resourceId(resource).ifPresent(ids::add);
        }
        return Collections.unmodifiableSet(ids);
    }
}
