package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;
import org.cockroachdb.mesos.scheduler.config.DiskType;

/**
 * A pod relaunched on the reservations and volume it last ran with: only its own agent, and every
 * reservation found in the offer by its resource_id (the volume by its persistence id). Placement is
 * not re-checked: the data is where it is.
 */
final class InPlaceRelaunch {

    private InPlaceRelaunch() {}

    /**
     * Why the footprint's volume cannot serve the requirement (its size and type are fixed once
     * created); empty when it can. cpus, mem and ports are resized by {@link ReservationResize}.
     */
    static List<String> volumeChanges(PodRequirement req, PodFootprint footprint) {
        List<String> changes = new ArrayList<>();
        List<Resource> volumes = footprint.taskResources().stream()
                .filter(r -> Reservations.persistenceId(r).isPresent())
                .toList();
        if (volumes.size() != 1) {
            changes.add("the footprint holds " + volumes.size() + " persistent volumes, not 1");
        } else {
            Resource volume = volumes.get(0);
            boolean mount = volume.getDisk().hasSource()
                    && volume.getDisk().getSource().getType() == Resource.DiskInfo.Source.Type.MOUNT;
            long size = Amounts.milli(volume.getScalar().getValue());
            long wanted = req.diskMib() * 1000;
            if (mount != (req.diskType() == DiskType.MOUNT)) {
                changes.add("the volume is " + (mount ? "MOUNT" : "ROOT") + ", " + req.diskType() + " wanted");
            } else if (mount ? size < wanted : size != wanted) {
                // A MOUNT disk is taken whole, so it may be larger than asked for.
                changes.add("volume " + Amounts.plain(Amounts.fromMilli(size)) + " MiB reserved, "
                        + req.diskMib() + " MiB wanted");
            }
        }
        return changes;
    }

    /** The footprint's resources as this offer holds them, or what is missing. */
    static Fit fit(PodFootprint footprint, Protos.Offer offer, ReservationOwner owner) {
        Map<String, Resource> byResourceId = new HashMap<>();
        Map<String, Resource> byPersistenceId = new HashMap<>();
        for (Resource resource : offer.getResourcesList()) {
            if (!Reservations.isOurs(resource, owner)) {
                continue;
            }
            Optional<String> persistenceId = Reservations.persistenceId(resource);
            if (persistenceId.isPresent()) {
                byPersistenceId.putIfAbsent(persistenceId.get(), resource);
            } else {
                byResourceId.putIfAbsent(Reservations.resourceId(resource).orElseThrow(), resource);
            }
        }
        List<String> missing = new ArrayList<>();
        List<Resource> task = new ArrayList<>();
        List<Resource> executor = new ArrayList<>();
        for (Resource wanted : footprint.taskResources()) {
            find(wanted, byResourceId, byPersistenceId, missing).ifPresent(task::add);
        }
        for (Resource wanted : footprint.executorResources()) {
            find(wanted, byResourceId, byPersistenceId, missing).ifPresent(executor::add);
        }
        return missing.isEmpty() ? new Fit.Yes(task, executor) : new Fit.No(missing);
    }

    sealed interface Fit {
        record Yes(List<Resource> task, List<Resource> executor) implements Fit {}

        record No(List<String> missing) implements Fit {}
    }

    /**
     * The offered resource carrying the footprint resource's id, cut to the footprint's amount (an
     * offer may merge nothing into our labelled reservation, but copying the offered proto keeps
     * allocation_info and the reservation exactly as Mesos matches them). A volume is used whole.
     */
    private static Optional<Resource> find(Resource wanted, Map<String, Resource> byResourceId,
                                           Map<String, Resource> byPersistenceId, List<String> missing) {
        Optional<String> persistenceId = Reservations.persistenceId(wanted);
        if (persistenceId.isPresent()) {
            Resource offered = byPersistenceId.get(persistenceId.get());
            if (offered == null) {
                missing.add("volume " + persistenceId.get() + " is not in the offer");
                return Optional.empty();
            }
            return Optional.of(offered);
        }
        Optional<String> resourceId = Reservations.resourceId(wanted);
        if (resourceId.isEmpty()) {
            missing.add("the footprint's " + wanted.getName() + " carries no resource_id");
            return Optional.empty();
        }
        Resource offered = byResourceId.get(resourceId.get());
        String what = wanted.getName() + " resource_id=" + resourceId.get();
        if (offered == null || !offered.getName().equals(wanted.getName()) || offered.getType() != wanted.getType()) {
            missing.add("reserved " + what + " is not in the offer");
            return Optional.empty();
        }
        if (wanted.getType() == Protos.Value.Type.RANGES) {
            for (Protos.Value.Range range : wanted.getRanges().getRangeList()) {
                if (!covers(offered.getRanges(), range)) {
                    missing.add("reserved " + what + " offers " + text(offered.getRanges()) + ", not "
                            + range.getBegin() + "-" + range.getEnd());
                    return Optional.empty();
                }
            }
            return Optional.of(offered.toBuilder().setRanges(wanted.getRanges()).build());
        }
        long offeredMilli = Amounts.milli(offered.getScalar().getValue());
        long wantedMilli = Amounts.milli(wanted.getScalar().getValue());
        if (offeredMilli < wantedMilli) {
            missing.add("reserved " + what + " offers " + Amounts.plain(Amounts.fromMilli(offeredMilli))
                    + ", not " + Amounts.plain(Amounts.fromMilli(wantedMilli)));
            return Optional.empty();
        }
        return Optional.of(offered.toBuilder()
                .setScalar(Protos.Value.Scalar.newBuilder().setValue(Amounts.fromMilli(wantedMilli)))
                .build());
    }

    private static boolean covers(Protos.Value.Ranges ranges, Protos.Value.Range wanted) {
        for (long port = wanted.getBegin(); port <= wanted.getEnd(); port++) {
            boolean in = false;
            for (Protos.Value.Range range : ranges.getRangeList()) {
                in |= range.getBegin() <= port && port <= range.getEnd();
            }
            if (!in) {
                return false;
            }
        }
        return true;
    }

    private static String text(Protos.Value.Ranges ranges) {
        List<String> parts = new ArrayList<>();
        ranges.getRangeList().forEach(r -> parts.add(r.getBegin() + "-" + r.getEnd()));
        return "[" + String.join(", ", parts) + "]";
    }
}
