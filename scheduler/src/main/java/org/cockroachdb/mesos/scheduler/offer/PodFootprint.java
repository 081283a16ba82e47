package org.cockroachdb.mesos.scheduler.offer;
import java.util.List;
import org.apache.mesos.v1.Protos;
public record PodFootprint(String agentId, List<Protos.Resource> taskResources, List<Protos.Resource> executorResources) {}
