package org.cockroachdb.mesos.scheduler.api;

import java.util.List;

/** The v1 API: every endpoint the scheduler serves, in one table. */
final class Routes {

    static final String GET = "GET";

    private Routes() {
    }

    static List<Route> v1() {
        return List.of(
                new Route(GET, "/v1/plans", (view, p) -> PlanQueries.names(view)),
                new Route(GET, "/v1/plans/{plan}", (view, p) -> PlanQueries.plan(view, p.get("plan"))),
                // dcos-commons 0.20 clients (and old Marathon health checks) still ask for /v1/plan.
                new Route(GET, "/v1/plan", (view, p) -> PlanQueries.plan(view, ServiceHealth.DEPLOY_PLAN)),
                new Route(GET, "/v1/pod", (view, p) -> PodQueries.names(view)),
                new Route(GET, "/v1/pod/status", (view, p) -> PodQueries.statusOfAll(view)),
                new Route(GET, "/v1/pod/{pod}/status", (view, p) -> PodQueries.status(view, p.get("pod"))),
                new Route(GET, "/v1/pod/{pod}/info", (view, p) -> PodQueries.info(view, p.get("pod"))),
                new Route(GET, "/v1/endpoints", (view, p) -> EndpointQueries.names(view)),
                new Route(GET, "/v1/endpoints/{name}", (view, p) -> EndpointQueries.endpoint(view, p.get("name"))),
                new Route(GET, "/v1/configurations/target", (view, p) -> StateQueries.targetConfiguration(view)),
                new Route(GET, "/v1/state/frameworkId", (view, p) -> StateQueries.frameworkId(view)),
                new Route(GET, "/v1/health", (view, p) -> ServiceHealth.reply(view)));
    }
}
