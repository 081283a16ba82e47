package org.cockroachdb.mesos.scheduler.offer;

import java.util.List;
import java.util.Objects;
import org.apache.mesos.v1.Protos;

/** The reserved resources a pod last launched with (from its stored TaskInfo + ExecutorInfo). */
public record PodFootprint(String agentId, List<Protos.Resource> taskResources,
                           List<Protos.Resource> executorResources) {

    public PodFootprint {
        Objects.requireNonNull(agentId, "agentId");
        taskResources = List.copyOf(taskResources);
        executorResources = List.copyOf(executorResources);
    }
}
