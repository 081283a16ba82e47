package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.cockroachdb.mesos.scheduler.config.DiskType;
import org.cockroachdb.mesos.scheduler.offer.UnreservedResources.Take;

/**
 * A new pod on one offer: which unreserved resources it takes, and then the RESERVE and CREATE that
 * turn them into its reservations and volume. Deciding what fits draws no ids, so offers that do
 * not fit leave the id supply untouched.
 */
final class FreshReservation {

    private final List<Take> taskCpus;
    private final List<Take> taskMem;
    private final List<Take> taskPorts;
    private final Take disk;
    private final List<Take> executorCpus;
    private final List<Take> executorMem;

    private FreshReservation(List<Take> taskCpus, List<Take> taskMem, List<Take> taskPorts, Take disk,
                             List<Take> executorCpus, List<Take> executorMem) {
        this.taskCpus = taskCpus;
        this.taskMem = taskMem;
        this.taskPorts = taskPorts;
        this.disk = disk;
        this.executorCpus = executorCpus;
        this.executorMem = executorMem;
    }

    /** What the pod takes from the offer, or why it does not fit (each shortfall one phrase). */
    static Fit fit(PodRequirement req, Protos.Offer offer, ReservationOwner owner) {
        UnreservedResources pool = new UnreservedResources(offer, owner);
        List<String> shortfalls = new ArrayList<>();

        long taskCpusMilli = Amounts.milli(req.taskCpus());
        long executorCpusMilli = Amounts.milli(req.executorCpus());
        long cpusAvailable = pool.availableMilli(UnreservedResources.CPUS);
        if (cpusAvailable < taskCpusMilli + executorCpusMilli) {
            shortfalls.add("needs " + Amounts.fromMilli(taskCpusMilli + executorCpusMilli) + " cpus, offers "
                    + Amounts.fromMilli(cpusAvailable) + " unreserved");
        }
        long taskMemMilli = req.taskMemMib() * 1000;
        long executorMemMilli = req.executorMemMib() * 1000;
        long memAvailable = pool.availableMilli(UnreservedResources.MEM);
        if (memAvailable < taskMemMilli + executorMemMilli) {
            shortfalls.add("needs " + (req.taskMemMib() + req.executorMemMib()) + " MiB mem, offers "
                    + Amounts.plain(Amounts.fromMilli(memAvailable)) + " MiB unreserved");
        }
        UnreservedResources.PortsTaken ports = pool.takePorts(req.taskPorts());
        if (!ports.missing().isEmpty()) {
            shortfalls.add("needs port" + (ports.missing().size() == 1 ? " " : "s ")
                    + ports.missing().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ", not offered unreserved");
        }
        long diskMilli = req.diskMib() * 1000;
        Optional<Take> disk;
        if (req.diskType() == DiskType.MOUNT) {
            disk = pool.takeMount(diskMilli);
            if (disk.isEmpty()) {
                long largest = pool.largestMountMilli();
                shortfalls.add("needs a MOUNT disk of at least " + req.diskMib() + " MiB, "
                        + (largest == 0 ? "offers none unreserved"
                                : "largest unreserved is " + Amounts.plain(Amounts.fromMilli(largest)) + " MiB"));
            }
        } else {
            long rootAvailable = pool.availableMilli(UnreservedResources.DISK);
            if (rootAvailable < diskMilli) {
                shortfalls.add("needs " + req.diskMib() + " MiB ROOT disk, offers "
                        + Amounts.plain(Amounts.fromMilli(rootAvailable)) + " MiB unreserved");
                disk = Optional.empty();
            } else {
                // Mesos merges unreserved root disk into one resource, so one piece holds it all.
                List<Take> taken = pool.takeScalar(UnreservedResources.DISK, diskMilli);
                disk = taken.size() == 1 ? Optional.of(taken.get(0)) : Optional.empty();
                if (disk.isEmpty()) {
                    shortfalls.add("needs " + req.diskMib() + " MiB ROOT disk in one piece, offers it split");
                }
            }
        }
        if (!shortfalls.isEmpty()) {
            return new Fit.No(shortfalls);
        }
        return new Fit.Yes(new FreshReservation(
                pool.takeScalar(UnreservedResources.CPUS, taskCpusMilli),
                pool.takeScalar(UnreservedResources.MEM, taskMemMilli),
                ports.takes(),
                disk.orElseThrow(),
                pool.takeScalar(UnreservedResources.CPUS, executorCpusMilli),
                pool.takeScalar(UnreservedResources.MEM, executorMemMilli)));
    }

    sealed interface Fit {
        record Yes(FreshReservation reservation) implements Fit {}

        record No(List<String> shortfalls) implements Fit {}
    }

    /** RESERVE (every reservation, task's then executor's) then CREATE the volume on the reserved disk. */
    Evaluation.Match match(PodRequirement req, Protos.Offer offer, ReservationOwner owner, Supplier<String> ids) {
        List<Resource> task = new ArrayList<>();
        taskCpus.forEach(t -> task.add(reserved(t, owner, ids.get())));
        taskMem.forEach(t -> task.add(reserved(t, owner, ids.get())));
        taskPorts.forEach(t -> task.add(reserved(t, owner, ids.get())));
        Resource reservedDisk = reserved(disk, owner, ids.get());
        List<Resource> executor = new ArrayList<>();
        executorCpus.forEach(t -> executor.add(reserved(t, owner, ids.get())));
        executorMem.forEach(t -> executor.add(reserved(t, owner, ids.get())));

        Resource volume = reservedDisk.toBuilder()
                .setDisk(reservedDisk.getDisk().toBuilder()
                        .setPersistence(Resource.DiskInfo.Persistence.newBuilder()
                                .setId(req.podName() + "-" + ids.get())
                                .setPrincipal(owner.principal()))
                        .setVolume(Protos.Volume.newBuilder()
                                .setContainerPath(req.volumePath())
                                .setMode(Protos.Volume.Mode.RW)))
                .build();

        List<Resource> toReserve = new ArrayList<>(task);
        toReserve.add(reservedDisk);
        toReserve.addAll(executor);
        task.add(volume);
        List<Operation> operations = List.of(
                Operation.newBuilder()
                        .setType(Operation.Type.RESERVE)
                        .setReserve(Operation.Reserve.newBuilder().addAllResources(toReserve))
                        .build(),
                Operation.newBuilder()
                        .setType(Operation.Type.CREATE)
                        .setCreate(Operation.Create.newBuilder().addVolumes(volume))
                        .build());
        return new Evaluation.Match(offer, operations, task, executor);
    }

    /** The taken part of an offered resource with our reservation pushed; allocation_info and disk source kept. */
    static Resource reserved(Take take, ReservationOwner owner, String resourceId) {
        Resource source = take.source();
        Resource.Builder reserved = Resource.newBuilder()
                .setName(source.getName())
                .setType(source.getType())
                .addReservations(Reservations.of(owner, resourceId));
        if (source.hasAllocationInfo()) {
            reserved.setAllocationInfo(source.getAllocationInfo());
        }
        if (source.hasDisk()) {
            reserved.setDisk(source.getDisk());
        }
        if (source.getType() == Protos.Value.Type.RANGES) {
            Protos.Value.Ranges.Builder ranges = Protos.Value.Ranges.newBuilder();
            take.ports().forEach(p -> ranges.addRange(Protos.Value.Range.newBuilder().setBegin(p).setEnd(p)));
            reserved.setRanges(ranges);
        } else {
            reserved.setScalar(Protos.Value.Scalar.newBuilder().setValue(Amounts.fromMilli(take.milli())));
        }
        return reserved.build();
    }
}
