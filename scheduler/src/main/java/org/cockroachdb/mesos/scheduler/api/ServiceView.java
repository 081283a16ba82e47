package org.cockroachdb.mesos.scheduler.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cockroachdb.mesos.scheduler.plan.Plan;

/**
 * Everything the API shows: an immutable snapshot the scheduler's event loop publishes after
 * every event. The API only reads it, so requests never race the event loop.
 *
 * @param plans             "deploy" first
 * @param pods              sorted by pod index
 * @param endpoints         "http", "pg"
 * @param targetConfigJson  the target ServiceConfig as JSON (no secrets)
 * @param initializing      true until the first reconciliation finished
 */
public record ServiceView(
        String serviceName,
        Optional<String> frameworkId,
        List<Plan> plans,
        List<PodView> pods,
        List<EndpointView> endpoints,
        Optional<String> targetConfigJson,
        boolean initializing) {

    public ServiceView {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(frameworkId, "frameworkId");
        Objects.requireNonNull(targetConfigJson, "targetConfigJson");
        plans = List.copyOf(plans);
        pods = List.copyOf(pods);
        endpoints = List.copyOf(endpoints);
    }

    /** What the API shows before the scheduler has published anything. */
    public static ServiceView starting(String serviceName) {
        return new ServiceView(serviceName, Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), true);
    }

    public Optional<Plan> plan(String name) {
        return plans.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<PodView> pod(String name) {
        return pods.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<EndpointView> endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
