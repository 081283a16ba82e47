package org.cockroachdb.mesos.scheduler.offer;

import java.util.List;
import java.util.Optional;
import org.cockroachdb.mesos.scheduler.config.DiskType;
import org.cockroachdb.mesos.scheduler.config.PlacementRule;

/** Pod requirements as the scheduler builds them from the default config. */
final class Requirements {

    static final List<PlacementRule> HOSTNAME_UNIQUE = List.of(new PlacementRule.Unique(PlacementRule.HOSTNAME));

    private Requirements() {}

    /** 1 cpu, 2048 MiB, ports 26257 and 8080, executor 0.1 cpu / 32 MiB, 10 GiB ROOT volume. */
    static PodRequirement node(String podName) {
        return new PodRequirement(podName, 1.0, 2048, List.of(26257L, 8080L), 0.1, 32,
                10240, DiskType.ROOT, "cockroach-data", HOSTNAME_UNIQUE, Optional.empty());
    }

    static PodRequirement withPlacement(PodRequirement req, List<PlacementRule> placement) {
        return new PodRequirement(req.podName(), req.taskCpus(), req.taskMemMib(), req.taskPorts(),
                req.executorCpus(), req.executorMemMib(), req.diskMib(), req.diskType(), req.volumePath(),
                placement, req.footprint());
    }

    static PodRequirement mount(PodRequirement req, long diskMib) {
        return new PodRequirement(req.podName(), req.taskCpus(), req.taskMemMib(), req.taskPorts(),
                req.executorCpus(), req.executorMemMib(), diskMib, DiskType.MOUNT, req.volumePath(),
                req.placement(), req.footprint());
    }

    static PodRequirement withCpus(PodRequirement req, double taskCpus) {
        return new PodRequirement(req.podName(), taskCpus, req.taskMemMib(), req.taskPorts(),
                req.executorCpus(), req.executorMemMib(), req.diskMib(), req.diskType(), req.volumePath(),
                req.placement(), req.footprint());
    }

    static PodRequirement sized(PodRequirement req, double taskCpus, long taskMemMib, List<Long> ports,
                                double executorCpus, long executorMemMib, long diskMib) {
        return new PodRequirement(req.podName(), taskCpus, taskMemMib, ports, executorCpus, executorMemMib,
                diskMib, req.diskType(), req.volumePath(), req.placement(), req.footprint());
    }

    static PodRequirement onFootprint(PodRequirement req, PodFootprint footprint) {
        return new PodRequirement(req.podName(), req.taskCpus(), req.taskMemMib(), req.taskPorts(),
                req.executorCpus(), req.executorMemMib(), req.diskMib(), req.diskType(), req.volumePath(),
                req.placement(), Optional.of(footprint));
    }
}
