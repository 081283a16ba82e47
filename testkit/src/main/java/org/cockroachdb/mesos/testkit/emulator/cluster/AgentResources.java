package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec;

/** The unreserved resources an agent starts with, as a real agent derives them from its flags. */
final class AgentResources {
    private AgentResources() {}

    static List<Resource> of(AgentSpec spec) {
        List<Resource> out = new ArrayList<>();
        out.add(Cluster.scalar("cpus", spec.cpus()));
        out.add(Cluster.scalar("mem", spec.memMb()));
        out.add(Cluster.scalar("disk", spec.diskMb()));
        for (AgentSpec.MountDisk m : spec.mountDisks()) {
            out.add(Cluster.scalar("disk", m.sizeMb()).toBuilder()
                    .setDisk(Resource.DiskInfo.newBuilder().setSource(Resource.DiskInfo.Source.newBuilder()
                            .setType(Resource.DiskInfo.Source.Type.MOUNT)
                            .setMount(Resource.DiskInfo.Source.Mount.newBuilder().setRoot(m.root()))))
                    .build());
        }
        if (!spec.ports().isEmpty()) {
            Value.Ranges.Builder ranges = Value.Ranges.newBuilder();
            spec.ports().forEach(p -> ranges.addRange(Value.Range.newBuilder().setBegin(p.begin()).setEnd(p.end())));
            out.add(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(ranges).build());
        }
        return out;
    }
}
