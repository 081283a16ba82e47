package org.cockroachdb.mesos.testkit.emulator.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeExecutor;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;

/** Builders for resources and offer operations, the way a refinement-capable scheduler writes them. */
final class Ops {
    private Ops() {}

    static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    static Resource ports(long begin, long end) {
        return Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
                .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end))).build();
    }

    /** {@code r} with a dynamic reservation pushed for our role and principal, labelled resource_id. */
    static Resource reserved(Resource r, String resourceId) {
        return r.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(Frameworks.ROLE).setPrincipal(Frameworks.PRINCIPAL)
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("resource_id").setValue(resourceId))))
                .build();
    }

    static Resource reserved(Resource r) {
        return reserved(r, UUID.randomUUID().toString());
    }

    static Resource volume(Resource reservedDisk, String persistenceId, String containerPath) {
        Resource.Builder b = reservedDisk.toBuilder();
        b.getDiskBuilder().setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(persistenceId)
                .setPrincipal(Frameworks.PRINCIPAL))
                .setVolume(Volume.newBuilder().setContainerPath(containerPath).setMode(Volume.Mode.RW));
        return b.build();
    }

    static Offer.Operation reserve(Resource... resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
                .setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(List.of(resources))).build();
    }

    static Offer.Operation unreserve(Resource... resources) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.UNRESERVE)
                .setUnreserve(Offer.Operation.Unreserve.newBuilder().addAllResources(List.of(resources))).build();
    }

    static Offer.Operation create(Resource... volumes) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.CREATE)
                .setCreate(Offer.Operation.Create.newBuilder().addAllVolumes(List.of(volumes))).build();
    }

    static Offer.Operation destroy(Resource... volumes) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.DESTROY)
                .setDestroy(Offer.Operation.Destroy.newBuilder().addAllVolumes(List.of(volumes))).build();
    }

    static Offer.Operation withId(Offer.Operation op, String id) {
        return op.toBuilder().setId(OperationID.newBuilder().setValue(id)).build();
    }

    static Offer.Operation launch(TaskInfo... tasks) {
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(List.of(tasks))).build();
    }

    /** A task run by the probe executor {@code executorId} with the given script. */
    static TaskInfo probeTask(String taskId, Offer offer, String executorId, ProbeScript script, Resource... resources) {
        return probeTask(taskId, offer.getAgentId(), ProbeExecutor.executorInfo(executorId, Map.of()), script, resources);
    }

    static TaskInfo probeTask(String taskId, AgentID agent, ExecutorInfo executor, ProbeScript script, Resource... resources) {
        return TaskInfo.newBuilder().setName(taskId).setTaskId(TaskID.newBuilder().setValue(taskId)).setAgentId(agent)
                .setExecutor(executor).addAllResources(List.of(resources))
                .setData(com.google.protobuf.ByteString.copyFrom(script.bytes())).build();
    }

    /** A command task (built-in executor). */
    static TaskInfo commandTask(String taskId, Offer offer, String shell, Resource... resources) {
        return TaskInfo.newBuilder().setName(taskId).setTaskId(TaskID.newBuilder().setValue(taskId))
                .setAgentId(offer.getAgentId()).setCommand(CommandInfo.newBuilder().setValue(shell))
                .addAllResources(List.of(resources)).build();
    }

    /** The offered resources with {@code name}, as offered (allocation info and all). */
    static List<Resource> named(Offer offer, String name) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : offer.getResourcesList()) {
            if (r.getName().equals(name)) {
                out.add(r);
            }
        }
        return out;
    }

    static double scalar(Offer offer, String name) {
        return named(offer, name).stream().mapToDouble(r -> r.getScalar().getValue()).sum();
    }

    static boolean hasVolume(Offer offer, String persistenceId) {
        return offer.getResourcesList().stream().anyMatch(r -> r.hasDisk() && r.getDisk().hasPersistence()
                && r.getDisk().getPersistence().getId().equals(persistenceId));
    }

    static Resource volumeIn(Offer offer, String persistenceId) {
        return offer.getResourcesList().stream().filter(r -> r.hasDisk() && r.getDisk().hasPersistence()
                && r.getDisk().getPersistence().getId().equals(persistenceId)).findFirst().orElseThrow();
    }

    static boolean isReservedForUs(Resource r) {
        return r.getReservationsCount() > 0
                && r.getReservations(r.getReservationsCount() - 1).getRole().equals(Frameworks.ROLE);
    }
}
