package org.cockroachdb.mesos.scheduler.offer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cockroachdb.mesos.scheduler.config.DiskType;
import org.cockroachdb.mesos.scheduler.config.PlacementRule;

/**
 * What one node pod needs from an agent. Scalars: cpus, mem in MiB.
 *
 * @param podName        e.g. "cockroachdb-0"
 * @param taskPorts      static ports, e.g. [26257, 8123]
 * @param executorCpus   executor overhead, reserved once per pod
 * @param volumePath     the persistent volume's container path, e.g. "cockroach-data"
 * @param footprint      present = relaunch in place on these reservations (same agent, same volume)
 */
public record PodRequirement(
        String podName,
        double taskCpus, long taskMemMib,
        List<Long> taskPorts,
        double executorCpus, long executorMemMib,
        long diskMib, DiskType diskType, String volumePath,
        List<PlacementRule> placement,
        Optional<PodFootprint> footprint) {

    public PodRequirement {
        Objects.requireNonNull(podName, "podName");
        Objects.requireNonNull(diskType, "diskType");
        Objects.requireNonNull(volumePath, "volumePath");
        taskPorts = List.copyOf(taskPorts);
        placement = List.copyOf(placement);
        Objects.requireNonNull(footprint, "footprint");
        if (podName.isEmpty()) {
            throw new IllegalArgumentException("podName: must not be empty");
        }
        if (!(taskCpus > 0)) {
            throw new IllegalArgumentException("taskCpus: must be > 0, got " + taskCpus);
        }
        if (taskMemMib <= 0) {
            throw new IllegalArgumentException("taskMemMib: must be > 0, got " + taskMemMib);
        }
        if (executorCpus < 0 || executorMemMib < 0) {
            throw new IllegalArgumentException("executorCpus/executorMemMib: must be >= 0, got "
                    + executorCpus + "/" + executorMemMib);
        }
        if (diskMib <= 0) {
            throw new IllegalArgumentException("diskMib: must be > 0, got " + diskMib);
        }
        for (Long port : taskPorts) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("taskPorts: each must be 1..65535, got " + port);
            }
        }
        if (taskPorts.stream().distinct().count() != taskPorts.size()) {
            throw new IllegalArgumentException("taskPorts: must be distinct, got " + taskPorts);
        }
        if (volumePath.isEmpty() || volumePath.startsWith("/") || volumePath.contains("/")) {
            throw new IllegalArgumentException("volumePath: must be a relative, non-nested path such as"
                    + " \"cockroach-data\", got \"" + volumePath + "\"");
        }
    }
}
