package org.cockroachdb.mesos.scheduler.offer;
import java.util.List;
import java.util.Optional;
import org.cockroachdb.mesos.scheduler.config.DiskType;
import org.cockroachdb.mesos.scheduler.config.PlacementRule;
public record PodRequirement(String podName, double taskCpus, long taskMemMib, List<Long> taskPorts, double executorCpus,
        long executorMemMib, long diskMib, DiskType diskType, String volumePath, List<PlacementRule> placement,
        Optional<PodFootprint> footprint) {}
