package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The unreserved resources of one offer that we may reserve, with what is left of each as a pod's
 * needs are taken from them. Only resources offered to our role qualify (RESERVE must name the
 * offer's allocation role). Working state of one evaluation; never shared.
 */
final class UnreservedResources {

    static final String CPUS = "cpus";
    static final String MEM = "mem";
    static final String PORTS = "ports";
    static final String DISK = "disk";

    /** A part of one offered resource: a scalar amount, or some ports of a range. */
    record Take(Resource source, long milli, List<Long> ports) {
        static Take scalar(Resource source, long milli) {
            return new Take(source, milli, List.of());
        }

        static Take ports(Resource source, List<Long> ports) {
            return new Take(source, 0, List.copyOf(ports));
        }
    }

    private final List<Resource> pieces = new ArrayList<>();
    private final long[] leftMilli;

    UnreservedResources(Protos.Offer offer, ReservationOwner owner) {
        for (Resource resource : offer.getResourcesList()) {
            if (Reservations.isUnreserved(resource) && offeredTo(resource, owner)) {
                pieces.add(resource);
            }
        }
        leftMilli = new long[pieces.size()];
        for (int i = 0; i < pieces.size(); i++) {
            leftMilli[i] = Amounts.milli(pieces.get(i).getScalar().getValue());
        }
    }

    /** What is left of a scalar (for "disk": the agent's root disk only). */
    long availableMilli(String name) {
        long sum = 0;
        for (int i = 0; i < pieces.size(); i++) {
            if (isScalar(pieces.get(i), name)) {
                sum += leftMilli[i];
            }
        }
        return sum;
    }

    /** Takes {@code milli} of a scalar, in offer order; call only when {@link #availableMilli} suffices. */
    List<Take> takeScalar(String name, long milli) {
        List<Take> takes = new ArrayList<>();
        long wanted = milli;
        for (int i = 0; i < pieces.size() && wanted > 0; i++) {
            if (isScalar(pieces.get(i), name) && leftMilli[i] > 0) {
                long part = Math.min(wanted, leftMilli[i]);
                leftMilli[i] -= part;
                wanted -= part;
                takes.add(Take.scalar(pieces.get(i), part));
            }
        }
        return takes;
    }

    /** Takes the given ports (grouped per offered ranges resource), or answers the ones not offered. */
    PortsTaken takePorts(List<Long> ports) {
        List<Long> missing = new ArrayList<>();
        List<List<Long>> perPiece = new ArrayList<>();
        pieces.forEach(p -> perPiece.add(new ArrayList<>()));
        for (Long port : ports) {
            int at = pieceWithPort(port);
            if (at < 0) {
                missing.add(port);
            } else {
                perPiece.get(at).add(port);
            }
        }
        List<Take> takes = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            if (!perPiece.get(i).isEmpty()) {
                takes.add(Take.ports(pieces.get(i), perPiece.get(i)));
            }
        }
        return new PortsTaken(takes, missing);
    }

    record PortsTaken(List<Take> takes, List<Long> missing) {}

    /**
     * The smallest unreserved MOUNT disk of at least {@code milli}, taken whole (Mesos offers a
     * MOUNT disk only as a whole); the smallest so larger disks stay free for larger needs.
     */
    Optional<Take> takeMount(long milli) {
        int best = -1;
        for (int i = 0; i < pieces.size(); i++) {
            if (isMount(pieces.get(i)) && leftMilli[i] >= milli
                    && leftMilli[i] == Amounts.milli(pieces.get(i).getScalar().getValue())
                    && (best < 0 || leftMilli[i] < leftMilli[best])) {
                best = i;
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        long whole = leftMilli[best];
        leftMilli[best] = 0;
        return Optional.of(Take.scalar(pieces.get(best), whole));
    }

    /** The largest unreserved MOUNT disk, for a reason. */
    long largestMountMilli() {
        long largest = 0;
        for (int i = 0; i < pieces.size(); i++) {
            if (isMount(pieces.get(i))) {
                largest = Math.max(largest, leftMilli[i]);
            }
        }
        return largest;
    }

    private int pieceWithPort(long port) {
        for (int i = 0; i < pieces.size(); i++) {
            Resource piece = pieces.get(i);
            if (piece.getName().equals(PORTS) && piece.getType() == Protos.Value.Type.RANGES) {
                for (Protos.Value.Range range : piece.getRanges().getRangeList()) {
                    if (range.getBegin() <= port && port <= range.getEnd()) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }

    private static boolean isScalar(Resource resource, String name) {
        if (!resource.getName().equals(name) || resource.getType() != Protos.Value.Type.SCALAR) {
            return false;
        }
        return !name.equals(DISK) || isRootDisk(resource);
    }

    /** The agent's root disk: no source (PATH, MOUNT, BLOCK and RAW disks are never carved). */
    private static boolean isRootDisk(Resource resource) {
        return !resource.hasDisk() || (!resource.getDisk().hasSource() && !resource.getDisk().hasPersistence()
                && !resource.getDisk().hasVolume());
    }

    private static boolean isMount(Resource resource) {
        return resource.getName().equals(DISK)
                && resource.getType() == Protos.Value.Type.SCALAR
                && resource.hasDisk()
                && resource.getDisk().hasSource()
                && resource.getDisk().getSource().getType() == Protos.Resource.DiskInfo.Source.Type.MOUNT
                && !resource.getDisk().hasPersistence();
    }

    private static boolean offeredTo(Resource resource, ReservationOwner owner) {
        return !resource.hasAllocationInfo()
                || !resource.getAllocationInfo().hasRole()
                || resource.getAllocationInfo().getRole().equals(owner.role());
    }
}
