package org.cockroachdb.mesos.testkit.emulator.resources;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * The two wire formats of reservations. The emulator keeps everything in the post-refinement
 * format (a {@code reservations[]} stack) and converts at the edge for frameworks without the
 * RESERVATION_REFINEMENT capability.
 */
@SuppressWarnings("deprecation") // the pre-refinement `role` field is exactly what this class translates
public final class ReservationFormat {
    private ReservationFormat() {}

    /** Accepts either format (as the master does in ACCEPT) and returns the stack format. */
    public static Resource toStack(Resource r) {
        if (r.getReservationsCount() > 0) {
            return r.toBuilder().clearRole().clearReservation().build();
        }
        String role = r.hasRole() ? r.getRole() : "*";
        Resource.Builder b = r.toBuilder().clearRole().clearReservation();
        if (r.hasReservation()) {
            ReservationInfo.Builder info = ReservationInfo.newBuilder()
                    .setType(ReservationInfo.Type.DYNAMIC).setRole(role);
            if (r.getReservation().hasPrincipal()) {
                info.setPrincipal(r.getReservation().getPrincipal());
            }
            if (r.getReservation().hasLabels()) {
                info.setLabels(r.getReservation().getLabels());
            }
            b.addReservations(info);
        } else if (!role.equals("*")) {
            b.addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC).setRole(role));
        }
        return b.build();
    }

    /** The pre-refinement form for frameworks that did not opt into refinement. */
    public static Resource toLegacy(Resource r) {
        Resource.Builder b = r.toBuilder().clearReservations();
        if (r.getReservationsCount() == 0) {
            return b.setRole("*").build();
        }
        ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
        b.setRole(last.getRole());
        if (last.getType() == ReservationInfo.Type.DYNAMIC) {
            ReservationInfo.Builder legacy = ReservationInfo.newBuilder();
            if (last.hasPrincipal()) {
                legacy.setPrincipal(last.getPrincipal());
            }
            if (last.hasLabels()) {
                legacy.setLabels(last.getLabels());
            }
            b.setReservation(legacy);
        }
        return b.build();
    }

    /** The role a resource is reserved to, or "*" when unreserved. */
    public static String reservedRole(Resource r) {
        return r.getReservationsCount() == 0 ? "*" : r.getReservations(r.getReservationsCount() - 1).getRole();
    }

    public static boolean isReserved(Resource r) {
        return r.getReservationsCount() > 0;
    }

    /** Pops the last reservation: what an UNRESERVE leaves. */
    public static Resource popReservation(Resource r) {
        Resource.Builder b = r.toBuilder();
        b.removeReservations(r.getReservationsCount() - 1);
        return b.build();
    }

    /** The disk under a persistent volume: what CREATE consumes and DESTROY gives back. */
    public static Resource withoutVolume(Resource r) {
        Resource.Builder b = r.toBuilder();
        if (b.hasDisk()) {
            b.getDiskBuilder().clearPersistence().clearVolume();
            if (!b.getDiskBuilder().hasSource()) {
                b.clearDisk();
            }
        }
        return b.build();
    }
}
