package org.cockroachdb.mesos.scheduler.offer;

import java.util.Optional;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * What our reservations look like on the wire (post-refinement format): a one-entry
 * {@code reservations} stack, DYNAMIC, our role and principal, labelled {@code resource_id=<uuid>}.
 * The label is what makes a reservation ours: Mesos merges reservations with equal labels, and the
 * stored TaskInfos reference reservations by it.
 */
final class Reservations {

    static final String RESOURCE_ID = "resource_id";

    private Reservations() {}

    static ReservationInfo of(ReservationOwner owner, String resourceId) {
        return ReservationInfo.newBuilder()
                .setType(ReservationInfo.Type.DYNAMIC)
                .setRole(owner.role())
                .setPrincipal(owner.principal())
                .setLabels(Protos.Labels.newBuilder()
                        .addLabels(Protos.Label.newBuilder().setKey(RESOURCE_ID).setValue(resourceId)))
                .build();
    }

    /**
     * Unreserved in either format, and of a kind we may reserve (not revocable, shared or from a provider).
     * The deprecated legacy {@code role} is read only to refuse resources reserved in the old format.
     */
    @SuppressWarnings("deprecation")
    static boolean isUnreserved(Resource resource) {
        return resource.getReservationsCount() == 0
                && !resource.hasReservation()
                && (!resource.hasRole() || resource.getRole().equals("*"))
                && plain(resource);
    }

    /**
     * Ours: exactly one reservation, DYNAMIC, for our role and principal, carrying a resource_id.
     * Anything else (static, refined on top of someone's reservation, another principal, unlabelled,
     * the pre-refinement format) is never ours to use or release.
     */
    @SuppressWarnings("deprecation")
    static boolean isOurs(Resource resource, ReservationOwner owner) {
        if (resource.getReservationsCount() != 1 || resource.hasReservation() || !plain(resource)) {
            return false;
        }
        if (resource.hasRole() && !resource.getRole().equals("*")) {
            return false;
        }
        ReservationInfo reservation = resource.getReservations(0);
        return reservation.getType() == ReservationInfo.Type.DYNAMIC
                && reservation.getRole().equals(owner.role())
                && reservation.hasPrincipal()
                && reservation.getPrincipal().equals(owner.principal())
                && resourceId(reservation).isPresent();
    }

    /** The resource_id label of the resource's last reservation, in either format. */
    static Optional<String> resourceId(Resource resource) {
        if (resource.getReservationsCount() > 0) {
            return resourceId(resource.getReservations(resource.getReservationsCount() - 1));
        }
        return resource.hasReservation() ? resourceId(resource.getReservation()) : Optional.empty();
    }

    static Optional<String> resourceId(ReservationInfo reservation) {
        for (Protos.Label label : reservation.getLabels().getLabelsList()) {
            if (label.getKey().equals(RESOURCE_ID) && label.hasValue() && !label.getValue().isEmpty()) {
                return Optional.of(label.getValue());
            }
        }
        return Optional.empty();
    }

    static Optional<String> persistenceId(Resource resource) {
        return resource.hasDisk() && resource.getDisk().hasPersistence()
                ? Optional.of(resource.getDisk().getPersistence().getId())
                : Optional.empty();
    }

    private static boolean plain(Resource resource) {
        return !resource.hasRevocable() && !resource.hasShared() && !resource.hasProviderId();
    }
}
