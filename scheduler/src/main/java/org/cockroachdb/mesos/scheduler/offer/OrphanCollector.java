package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Releases reservations we made and no stored task references any more (a crash between RESERVE and
 * the task record, a replaced pod's old home). Only resources that are unmistakably ours are touched:
 * one DYNAMIC reservation for our role and principal with a resource_id label; never static or
 * pre-reserved resources, never another framework's or principal's, never unlabelled ones.
 */
public final class OrphanCollector {

    private OrphanCollector() {}

    /**
     * Pure: for resources in the offer that carry OUR role and a resource_id label not in
     * liveResourceIds: DESTROY for each volume first, then UNRESERVE, as operations. A volume whose
     * persistence id is live is kept even if its resource_id is not.
     */
    public static List<Operation> operations(Protos.Offer offer, Set<String> liveResourceIds, ReservationOwner owner) {
        List<Resource> destroy = new ArrayList<>();
        List<Resource> unreserve = new ArrayList<>();
        for (Resource resource : offer.getResourcesList()) {
            if (!Reservations.isOurs(resource, owner)
                    || liveResourceIds.contains(Reservations.resourceId(resource).orElseThrow())) {
                continue;
            }
            Optional<String> persistenceId = Reservations.persistenceId(resource);
            if (persistenceId.isPresent()) {
                Resource.DiskInfo.Persistence persistence = resource.getDisk().getPersistence();
                if (liveResourceIds.contains(persistenceId.get())
                        || (persistence.hasPrincipal() && !persistence.getPrincipal().equals(owner.principal()))) {
                    continue;
                }
                destroy.add(resource);
                unreserve.add(withoutVolume(resource));
            } else {
                unreserve.add(resource);
            }
        }
        List<Operation> operations = new ArrayList<>();
        if (!destroy.isEmpty()) {
            operations.add(Operation.newBuilder()
                    .setType(Operation.Type.DESTROY)
                    .setDestroy(Operation.Destroy.newBuilder().addAllVolumes(destroy))
                    .build());
        }
        if (!unreserve.isEmpty()) {
            operations.add(Operation.newBuilder()
                    .setType(Operation.Type.UNRESERVE)
                    .setUnreserve(Operation.Unreserve.newBuilder().addAllResources(unreserve))
                    .build());
        }
        return List.copyOf(operations);
    }

    /** The resource_id labels (and persistence ids) a list of resources references — used to build liveResourceIds from stored TaskInfos. */
    public static Set<String> resourceIds(Collection<Resource> resources) {
        Set<String> ids = new LinkedHashSet<>();
        for (Resource resource : resources) {
            for (Resource.ReservationInfo reservation : resource.getReservationsList()) {
                Reservations.resourceId(reservation).ifPresent(ids::add);
            }
            if (resource.hasReservation()) {
                Reservations.resourceId(resource.getReservation()).ifPresent(ids::add);
            }
            Reservations.persistenceId(resource).ifPresent(ids::add);
        }
        return Collections.unmodifiableSet(ids);
    }

    /** What a volume's reservation looks like once DESTROY has removed the volume (a MOUNT keeps its source). */
    private static Resource withoutVolume(Resource volume) {
        Resource.DiskInfo disk = volume.getDisk().toBuilder().clearPersistence().clearVolume().build();
        Resource.Builder reserved = volume.toBuilder();
        if (disk.equals(Resource.DiskInfo.getDefaultInstance())) {
            reserved.clearDisk();
        } else {
            reserved.setDisk(disk);
        }
        return reserved.build();
    }
}
