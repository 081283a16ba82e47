package org.cockroachdb.mesos.testkit.emulator.conformance;

import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;

/** Reservation builders for roles other than the default one, and what to look for in an offer. */
@SuppressWarnings("deprecation") // builds and reads the legacy Resource.role format on purpose
final class Reservations {
    private Reservations() {}

    /** {@code r} with a dynamic reservation for {@code role} (post-refinement stack), labelled resource_id. */
    static Resource reservedTo(Resource r, String role, String resourceId) {
        return r.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(role).setPrincipal(Frameworks.PRINCIPAL)
                .setLabels(label(resourceId))).build();
    }

    /** {@code r} reserved for our role by some other principal. */
    static Resource reservedByPrincipal(Resource r, String principal) {
        return r.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(Frameworks.ROLE).setPrincipal(principal)
                .setLabels(label("by-" + principal))).build();
    }

    /** The pre-refinement form: {@code role} plus {@code reservation{principal, labels}}. */
    static Resource legacyReserved(Resource r, String role, String resourceId) {
        return r.toBuilder().setRole(role).setReservation(Resource.ReservationInfo.newBuilder()
                .setPrincipal(Frameworks.PRINCIPAL).setLabels(label(resourceId))).build();
    }

    static Labels label(String resourceId) {
        return Labels.newBuilder().addLabels(Label.newBuilder().setKey("resource_id").setValue(resourceId)).build();
    }

    /** The resource_id label of the innermost reservation (either format), or null. */
    static String resourceId(Resource r) {
        Labels labels = r.getReservationsCount() > 0 ? r.getReservations(r.getReservationsCount() - 1).getLabels()
                : r.getReservation().getLabels();
        return labels.getLabelsList().stream().filter(l -> l.getKey().equals("resource_id"))
                .map(Label::getValue).findFirst().orElse(null);
    }

    static boolean isReserved(Resource r) {
        return r.getReservationsCount() > 0 || (r.hasRole() && !r.getRole().equals("*"));
    }

    static List<Resource> reserved(Offer offer) {
        return offer.getResourcesList().stream().filter(Reservations::isReserved).toList();
    }

    static double unreservedScalar(Offer offer, String name) {
        return offer.getResourcesList().stream().filter(r -> r.getName().equals(name) && !isReserved(r))
                .mapToDouble(r -> r.getScalar().getValue()).sum();
    }

    /** The reserved resources named {@code name} whose resource_id label is {@code resourceId}. */
    static List<Resource> withResourceId(Offer offer, String name, String resourceId) {
        return offer.getResourcesList().stream().filter(r -> r.getName().equals(name) && isReserved(r)
                && resourceId.equals(resourceId(r))).toList();
    }

    /** A MULTI_ROLE framework with these roles and otherwise {@link Frameworks#modern}'s settings. */
    static FrameworkInfo modernWithRoles(String name, String... roles) {
        return Frameworks.modern(name).toBuilder().clearRoles().addAllRoles(List.of(roles)).build();
    }
}
