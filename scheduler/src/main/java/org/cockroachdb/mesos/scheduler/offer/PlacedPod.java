package org.cockroachdb.mesos.scheduler.offer;

import java.util.Map;
import java.util.Objects;

/** Where another pod of the service is (for placement rules); attributes = agent attributes as text. */
public record PlacedPod(String podName, String agentId, String hostname, Map<String, String> attributes) {

    public PlacedPod {
        Objects.requireNonNull(podName, "podName");
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(hostname, "hostname");
        attributes = Map.copyOf(attributes);
    }
}
