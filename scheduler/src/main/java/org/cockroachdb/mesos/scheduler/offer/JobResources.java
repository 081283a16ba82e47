package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;

/**
 * What a one-shot job takes from an offer: a little unreserved cpu and memory for the task and as
 * much again for its executor, never a reservation (a job leaves nothing behind on the agent).
 */
public final class JobResources {

    /** The job runs one {@code cockroach} CLI command. */
    public static final double JOB_CPUS = 0.1;
    public static final long JOB_MEM_MIB = 256;
    /** Its executor: a small JVM, as for a node. */
    public static final double JOB_EXECUTOR_CPUS = 0.1;
    public static final long JOB_EXECUTOR_MEM_MIB = 160;

    /** The task's and the executor's resources, taken from the same offer. */
    public record Taken(List<Resource> task, List<Resource> executor) {
        public Taken {
            task = List.copyOf(task);
            executor = List.copyOf(executor);
        }
    }

    private JobResources() {
    }

    /** The job's share of {@code offer}, or empty when it has too little unreserved cpu or memory. */
    public static Optional<Taken> take(Protos.Offer offer, ReservationOwner owner) {
        UnreservedResources pool = new UnreservedResources(offer, owner);
        long cpus = Amounts.milli(JOB_CPUS);
        long executorCpus = Amounts.milli(JOB_EXECUTOR_CPUS);
        long mem = JOB_MEM_MIB * 1000;
        long executorMem = JOB_EXECUTOR_MEM_MIB * 1000;
        if (pool.availableMilli(UnreservedResources.CPUS) < cpus + executorCpus
                || pool.availableMilli(UnreservedResources.MEM) < mem + executorMem) {
            return Optional.empty();
        }
        List<Resource> task = new ArrayList<>();
        pool.takeScalar(UnreservedResources.CPUS, cpus).forEach(t -> task.add(unreserved(t)));
        pool.takeScalar(UnreservedResources.MEM, mem).forEach(t -> task.add(unreserved(t)));
        List<Resource> executor = new ArrayList<>();
        pool.takeScalar(UnreservedResources.CPUS, executorCpus).forEach(t -> executor.add(unreserved(t)));
        pool.takeScalar(UnreservedResources.MEM, executorMem).forEach(t -> executor.add(unreserved(t)));
        return Optional.of(new Taken(task, executor));
    }

    /** The taken amount as offered: same name, allocation role, no reservation. */
    private static Resource unreserved(UnreservedResources.Take take) {
        Resource source = take.source();
        Resource.Builder out = Resource.newBuilder().setName(source.getName()).setType(source.getType())
                .setScalar(Protos.Value.Scalar.newBuilder().setValue(Amounts.fromMilli(take.milli())));
        if (source.hasAllocationInfo()) {
            out.setAllocationInfo(source.getAllocationInfo());
        }
        return out.build();
    }
}
