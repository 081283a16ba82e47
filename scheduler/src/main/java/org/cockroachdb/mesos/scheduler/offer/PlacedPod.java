package org.cockroachdb.mesos.scheduler.offer;
import java.util.Map;
public record PlacedPod(String podName, String agentId, String hostname, Map<String, String> attributes) {}
