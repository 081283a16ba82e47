package org.cockroachdb.mesos.scheduler.api;
import java.util.List;
import java.util.Optional;
import org.cockroachdb.mesos.scheduler.plan.Plan;
public record ServiceView(String serviceName, Optional<String> frameworkId, List<Plan> plans, List<PodView> pods,
        List<EndpointView> endpoints, Optional<String> targetConfigJson, boolean initializing) {}
