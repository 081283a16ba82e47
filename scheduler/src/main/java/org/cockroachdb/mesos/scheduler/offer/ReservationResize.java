package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Brings a footprint's reservations to the requirement's sizes in place. A grow RESERVEs the delta
 * with the existing reservation (same resource_id label), so Mesos merges it into the reservation
 * the task already references; a shrink UNRESERVEs the delta from it. Only a reservation that does
 * not exist yet (e.g. executor overhead that was 0) gets a fresh resource_id. The volume is never
 * resized here.
 */
final class ReservationResize {

    private final List<Resource> task;
    private final List<Resource> executor;
    private final PodRequirement req;
    private final UnreservedResources pool;
    private final ReservationOwner owner;

    private ReservationResize(PodRequirement req, List<Resource> task, List<Resource> executor,
                              UnreservedResources pool, ReservationOwner owner) {
        this.req = req;
        this.task = new ArrayList<>(task);
        this.executor = new ArrayList<>(executor);
        this.pool = pool;
        this.owner = owner;
    }

    /** What growing needs from the offer's unreserved resources and does not find; empty when it fits. */
    static List<String> shortfalls(PodRequirement req, List<Resource> task, List<Resource> executor,
                                   Protos.Offer offer, ReservationOwner owner) {
        UnreservedResources pool = new UnreservedResources(offer, owner);
        List<String> shortfalls = new ArrayList<>();
        long cpus = grow(task, UnreservedResources.CPUS, Amounts.milli(req.taskCpus()))
                + grow(executor, UnreservedResources.CPUS, Amounts.milli(req.executorCpus()));
        if (pool.availableMilli(UnreservedResources.CPUS) < cpus) {
            shortfalls.add("growing needs " + Amounts.fromMilli(cpus) + " more cpus, offers "
                    + Amounts.fromMilli(pool.availableMilli(UnreservedResources.CPUS)) + " unreserved");
        }
        long mem = grow(task, UnreservedResources.MEM, req.taskMemMib() * 1000)
                + grow(executor, UnreservedResources.MEM, req.executorMemMib() * 1000);
        if (pool.availableMilli(UnreservedResources.MEM) < mem) {
            shortfalls.add("growing needs " + Amounts.plain(Amounts.fromMilli(mem)) + " MiB more mem, offers "
                    + Amounts.plain(Amounts.fromMilli(pool.availableMilli(UnreservedResources.MEM))) + " MiB unreserved");
        }
        List<Long> added = added(task, req);
        List<Long> missing = pool.takePorts(added).missing();
        if (!missing.isEmpty()) {
            shortfalls.add("adding port" + (missing.size() == 1 ? " " : "s ") + String.join(", ",
                    missing.stream().map(String::valueOf).toList()) + " needs them unreserved, not offered");
        }
        return shortfalls;
    }

    /** UNRESERVE (shrinks) then RESERVE (grows), and the resources as they will be; call after {@link #shortfalls} is empty. */
    static Evaluation.Match match(PodRequirement req, List<Resource> task, List<Resource> executor,
                                  Protos.Offer offer, ReservationOwner owner, Supplier<String> ids) {
        ReservationResize resize = new ReservationResize(req, task, executor,
                new UnreservedResources(offer, owner), owner);
        List<Resource> reserve = new ArrayList<>();
        List<Resource> unreserve = new ArrayList<>();
        resize.scalar(resize.task, UnreservedResources.CPUS, Amounts.milli(req.taskCpus()), reserve, unreserve, ids);
        resize.scalar(resize.task, UnreservedResources.MEM, req.taskMemMib() * 1000, reserve, unreserve, ids);
        resize.ports(reserve, unreserve, ids);
        resize.scalar(resize.executor, UnreservedResources.CPUS, Amounts.milli(req.executorCpus()),
                reserve, unreserve, ids);
        resize.scalar(resize.executor, UnreservedResources.MEM, req.executorMemMib() * 1000,
                reserve, unreserve, ids);
        List<Operation> operations = new ArrayList<>();
        if (!unreserve.isEmpty()) {
            operations.add(Operation.newBuilder().setType(Operation.Type.UNRESERVE)
                    .setUnreserve(Operation.Unreserve.newBuilder().addAllResources(unreserve)).build());
        }
        if (!reserve.isEmpty()) {
            operations.add(Operation.newBuilder().setType(Operation.Type.RESERVE)
                    .setReserve(Operation.Reserve.newBuilder().addAllResources(reserve)).build());
        }
        return new Evaluation.Match(offer, operations, resize.task, resize.executor);
    }

    private void scalar(List<Resource> resources, String name, long wantedMilli, List<Resource> reserve,
                        List<Resource> unreserve, Supplier<String> ids) {
        long current = sum(resources, name);
        if (wantedMilli > current) {
            long delta = wantedMilli - current;
            List<UnreservedResources.Take> takes = pool.takeScalar(name, delta);
            int at = firstIndex(resources, name);
            if (at >= 0) {
                Resource existing = resources.get(at);
                reserve.add(withScalar(existing, delta));
                resources.set(at, withScalar(existing, Amounts.milli(existing.getScalar().getValue()) + delta));
            } else {
                for (UnreservedResources.Take take : takes) {
                    Resource fresh = FreshReservation.reserved(take, owner, ids.get());
                    reserve.add(fresh);
                    resources.add(fresh);
                }
            }
        } else if (wantedMilli < current) {
            long delta = current - wantedMilli;
            for (int i = resources.size() - 1; i >= 0 && delta > 0; i--) {
                Resource r = resources.get(i);
                if (!isScalar(r, name)) {
                    continue;
                }
                long amount = Amounts.milli(r.getScalar().getValue());
                long part = Math.min(delta, amount);
                unreserve.add(withScalar(r, part));
                delta -= part;
                if (part == amount) {
                    resources.remove(i);
                } else {
                    resources.set(i, withScalar(r, amount - part));
                }
            }
        }
    }

    private void ports(List<Resource> reserve, List<Resource> unreserve, Supplier<String> ids) {
        Set<Long> wanted = new TreeSet<>(req.taskPorts());
        for (int i = task.size() - 1; i >= 0; i--) {
            Resource r = task.get(i);
            if (!isPorts(r)) {
                continue;
            }
            TreeSet<Long> held = portsOf(r);
            TreeSet<Long> removed = new TreeSet<>(held);
            removed.removeAll(wanted);
            if (removed.isEmpty()) {
                continue;
            }
            unreserve.add(withPorts(r, removed));
            held.removeAll(removed);
            if (held.isEmpty()) {
                task.remove(i);
            } else {
                task.set(i, withPorts(r, held));
            }
        }
        List<Long> added = added(task, req);
        if (added.isEmpty()) {
            return;
        }
        List<UnreservedResources.Take> takes = pool.takePorts(added).takes();
        int at = firstIndex(task, UnreservedResources.PORTS);
        if (at >= 0) {
            Resource existing = task.get(at);
            reserve.add(withPorts(existing, added));
            TreeSet<Long> all = portsOf(existing);
            all.addAll(added);
            task.set(at, withPorts(existing, all));
        } else {
            for (UnreservedResources.Take take : takes) {
                Resource fresh = FreshReservation.reserved(take, owner, ids.get());
                reserve.add(fresh);
                task.add(fresh);
            }
        }
    }

    private static long grow(List<Resource> resources, String name, long wantedMilli) {
        return Math.max(0, wantedMilli - sum(resources, name));
    }

    private static List<Long> added(List<Resource> task, PodRequirement req) {
        TreeSet<Long> held = new TreeSet<>();
        task.stream().filter(ReservationResize::isPorts).forEach(r -> held.addAll(portsOf(r)));
        return req.taskPorts().stream().filter(p -> !held.contains(p)).toList();
    }

    private static long sum(List<Resource> resources, String name) {
        return resources.stream().filter(r -> isScalar(r, name))
                .mapToLong(r -> Amounts.milli(r.getScalar().getValue())).sum();
    }

    private static int firstIndex(List<Resource> resources, String name) {
        for (int i = 0; i < resources.size(); i++) {
            Resource r = resources.get(i);
            if (r.getName().equals(name) && Reservations.persistenceId(r).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isScalar(Resource r, String name) {
        return r.getName().equals(name) && r.getType() == Protos.Value.Type.SCALAR
                && Reservations.persistenceId(r).isEmpty();
    }

    private static boolean isPorts(Resource r) {
        return r.getName().equals(UnreservedResources.PORTS) && r.getType() == Protos.Value.Type.RANGES;
    }

    private static Resource withScalar(Resource r, long milli) {
        return r.toBuilder().setScalar(Protos.Value.Scalar.newBuilder().setValue(Amounts.fromMilli(milli))).build();
    }

    private static Resource withPorts(Resource r, Iterable<Long> ports) {
        Protos.Value.Ranges.Builder ranges = Protos.Value.Ranges.newBuilder();
        ports.forEach(p -> ranges.addRange(Protos.Value.Range.newBuilder().setBegin(p).setEnd(p)));
        return r.toBuilder().setRanges(ranges).build();
    }

    private static TreeSet<Long> portsOf(Resource r) {
        TreeSet<Long> ports = new TreeSet<>();
        for (Protos.Value.Range range : r.getRanges().getRangeList()) {
            for (long p = range.getBegin(); p <= range.getEnd(); p++) {
                ports.add(p);
            }
        }
        return ports;
    }
}
