package org.cockroachdb.mesos.testkit.emulator.resources;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * An immutable bag of Mesos resources with Mesos's arithmetic: resources whose identity matches
 * merge (scalars add, ranges union); identity is name, type, reservation stack (type, role,
 * principal, labels), allocation info, disk source and persistence id, shared and revocable; the
 * {@code volume} and {@code persistence.principal} are ignored as in Mesos. Persistent volumes and
 * MOUNT disks are indivisible: they can only be taken whole.
 */
public final class Resources {
    private static final double EPSILON = 0.0005; // Mesos keeps scalars in fixed point, 3 decimals

    private final Map<Resource, Resource> byIdentity; // identity -> merged resource

    private Resources(Map<Resource, Resource> byIdentity) {
        this.byIdentity = byIdentity;
    }

    public static Resources empty() {
        return new Resources(new LinkedHashMap<>());
    }

    public static Resources of(Collection<Resource> resources) {
        Resources r = empty();
        for (Resource resource : resources) {
            r = r.plus(resource);
        }
        return r;
    }

    public List<Resource> toList() {
        return List.copyOf(byIdentity.values());
    }

    public boolean isEmpty() {
        return byIdentity.isEmpty();
    }

    /** The identity Mesos compares resources by; two resources with the same identity merge. */
    public static Resource identity(Resource r) {
        Resource.Builder b = r.toBuilder().clearScalar().clearRanges().clearSet();
        if (b.hasDisk()) {
            Resource.DiskInfo.Builder disk = b.getDiskBuilder();
            disk.clearVolume();
            if (disk.hasPersistence()) {
                disk.getPersistenceBuilder().clearPrincipal();
            }
        }
        return b.build();
    }

    /**
     * Why Mesos would refuse this resource as malformed, naming it and the offending field, or null
     * if it is well formed: a name, exactly the value field its type calls for, a finite scalar
     * that is not negative, ranges that are neither inverted nor overlapping, a set without
     * duplicates. Without this a {@code cpus:-2} task would add capacity to its agent.
     */
    public static String invalidity(Resource r) {
        if (r.getName().isEmpty()) {
            return "Invalid resource: 'name' is empty";
        }
        String name = "Invalid " + r.getType().name().toLowerCase(java.util.Locale.ROOT) + " resource '" + r.getName() + "': ";
        return switch (r.getType()) {
            case SCALAR -> {
                if (!r.hasScalar() || r.hasRanges() || r.hasSet()) {
                    yield name + "it must set 'scalar' and neither 'ranges' nor 'set'";
                }
                double v = r.getScalar().getValue();
                yield Double.isFinite(v) && v >= 0 ? null
                        : name + "'scalar.value' is " + v + "; it must be a finite number, not negative";
            }
            case RANGES -> {
                if (r.hasScalar() || !r.hasRanges() || r.hasSet()) {
                    yield name + "it must set 'ranges' and neither 'scalar' nor 'set'";
                }
                String bad = PortRanges.invalidity(r.getRanges());
                yield bad == null ? null : name + "'ranges' " + bad;
            }
            case SET -> {
                if (r.hasScalar() || r.hasRanges() || !r.hasSet()) {
                    yield name + "it must set 'set' and neither 'scalar' nor 'ranges'";
                }
                List<String> items = r.getSet().getItemList();
                yield items.stream().distinct().count() == items.size() ? null
                        : name + "'set.item' holds duplicates " + items;
            }
            default -> "Invalid resource '" + r.getName() + "': 'type' " + r.getType()
                    + " is not one of SCALAR, RANGES or SET";
        };
    }

    public static boolean isPersistentVolume(Resource r) {
        return r.hasDisk() && r.getDisk().hasPersistence();
    }

    public static boolean isMountDisk(Resource r) {
        return r.hasDisk() && r.getDisk().hasSource()
                && r.getDisk().getSource().getType() == Resource.DiskInfo.Source.Type.MOUNT;
    }

    private static boolean indivisible(Resource r) {
        return isPersistentVolume(r) || isMountDisk(r);
    }

    public Resources plus(Resource r) {
        if (isZero(r)) {
            return this;
        }
        Map<Resource, Resource> next = new LinkedHashMap<>(byIdentity);
        Resource key = identity(r);
        Resource existing = next.get(key);
        if (existing == null) {
            next.put(key, normalize(r));
        } else if (indivisible(r)) {
            throw new IllegalStateException("the same indivisible resource twice: " + describe(r));
        } else {
            next.put(key, add(existing, r));
        }
        return new Resources(next);
    }

    public Resources plus(Collection<Resource> rs) {
        Resources out = this;
        for (Resource r : rs) {
            out = out.plus(r);
        }
        return out;
    }

    public Resources plus(Resources other) {
        return plus(other.toList());
    }

    public boolean contains(Resource r) {
        if (isZero(r)) {
            return true;
        }
        Resource existing = byIdentity.get(identity(r));
        if (existing == null) {
            return false;
        }
        if (indivisible(r)) {
            return sameAmount(existing, r);
        }
        return switch (r.getType()) {
            case SCALAR -> existing.getScalar().getValue() + EPSILON >= r.getScalar().getValue();
            case RANGES -> PortRanges.contains(existing.getRanges(), r.getRanges());
            case SET -> existing.getSet().getItemList().containsAll(r.getSet().getItemList());
            default -> false;
        };
    }

    public boolean contains(Collection<Resource> rs) {
        Resources remaining = this;
        for (Resource r : rs) {
            Optional<Resources> next = remaining.minus(r);
            if (next.isEmpty()) {
                return false;
            }
            remaining = next.get();
        }
        return true;
    }

    public boolean contains(Resources other) {
        return contains(other.toList());
    }

    /** This bag less {@code r}, or empty when {@code r} is not wholly in it. */
    public Optional<Resources> minus(Resource r) {
        if (isZero(r)) {
            return Optional.of(this);
        }
        if (!contains(r)) {
            return Optional.empty();
        }
        Map<Resource, Resource> next = new LinkedHashMap<>(byIdentity);
        Resource key = identity(r);
        Resource existing = next.get(key);
        Resource left = indivisible(r) ? null : subtract(existing, r);
        if (left == null || isZero(left)) {
            next.remove(key);
        } else {
            next.put(key, left);
        }
        return Optional.of(new Resources(next));
    }

    public Optional<Resources> minus(Collection<Resource> rs) {
        Resources out = this;
        for (Resource r : rs) {
            Optional<Resources> next = out.minus(r);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            out = next.get();
        }
        return Optional.of(out);
    }

    public Resources filter(Predicate<Resource> keep) {
        Map<Resource, Resource> next = new LinkedHashMap<>();
        byIdentity.forEach((k, v) -> {
            if (keep.test(v)) {
                next.put(k, v);
            }
        });
        return new Resources(next);
    }

    /** Sum of the scalar resource with this name, whatever its reservations. */
    public double scalar(String name) {
        return byIdentity.values().stream()
                .filter(r -> r.getName().equals(name) && r.getType() == Value.Type.SCALAR)
                .mapToDouble(r -> r.getScalar().getValue())
                .sum();
    }

    public static boolean isZero(Resource r) {
        return switch (r.getType()) {
            case SCALAR -> Math.abs(r.getScalar().getValue()) < EPSILON;
            case RANGES -> r.getRanges().getRangeCount() == 0;
            case SET -> r.getSet().getItemCount() == 0;
            default -> false;
        };
    }

    public static String describe(Resource r) {
        StringBuilder sb = new StringBuilder(r.getName()).append('(');
        List<String> roles = new ArrayList<>();
        r.getReservationsList().forEach(x -> roles.add(x.getRole()));
        sb.append(roles.isEmpty() ? "*" : String.join("/", roles)).append(')');
        if (isPersistentVolume(r)) {
            sb.append("[").append(r.getDisk().getPersistence().getId()).append(":")
                    .append(r.getDisk().getVolume().getContainerPath()).append("]");
        }
        sb.append(':');
        switch (r.getType()) {
            case SCALAR -> sb.append(round(r.getScalar().getValue()));
            case RANGES -> sb.append(PortRanges.describe(r.getRanges()));
            default -> sb.append(r.getSet().getItemList());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return byIdentity.values().stream().map(Resources::describe).toList().toString();
    }

    private static Resource normalize(Resource r) {
        if (r.getType() == Value.Type.SCALAR) {
            return r.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(round(r.getScalar().getValue()))).build();
        }
        if (r.getType() == Value.Type.RANGES) {
            return r.toBuilder().setRanges(PortRanges.normalize(r.getRanges())).build();
        }
        return r;
    }

    private static Resource add(Resource a, Resource b) {
        return switch (a.getType()) {
            case SCALAR -> a.toBuilder().setScalar(Value.Scalar.newBuilder()
                    .setValue(round(a.getScalar().getValue() + b.getScalar().getValue()))).build();
            case RANGES -> a.toBuilder().setRanges(PortRanges.union(a.getRanges(), b.getRanges())).build();
            case SET -> {
                Value.Set.Builder s = a.getSet().toBuilder();
                b.getSet().getItemList().stream().filter(i -> !a.getSet().getItemList().contains(i)).forEach(s::addItem);
                yield a.toBuilder().setSet(s).build();
            }
            default -> throw new IllegalArgumentException("unsupported resource type " + a.getType());
        };
    }

    private static Resource subtract(Resource a, Resource b) {
        return switch (a.getType()) {
            case SCALAR -> a.toBuilder().setScalar(Value.Scalar.newBuilder()
                    .setValue(round(a.getScalar().getValue() - b.getScalar().getValue()))).build();
            case RANGES -> a.toBuilder().setRanges(PortRanges.subtract(a.getRanges(), b.getRanges())).build();
            case SET -> {
                Value.Set.Builder s = Value.Set.newBuilder();
                a.getSet().getItemList().stream().filter(i -> !b.getSet().getItemList().contains(i)).forEach(s::addItem);
                yield a.toBuilder().setSet(s).build();
            }
            default -> throw new IllegalArgumentException("unsupported resource type " + a.getType());
        };
    }

    private static boolean sameAmount(Resource a, Resource b) {
        return Math.abs(a.getScalar().getValue() - b.getScalar().getValue()) < EPSILON;
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
