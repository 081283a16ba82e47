package org.cockroachdb.mesos.scheduler.api;

import static org.cockroachdb.mesos.scheduler.api.Route.get;
import static org.cockroachdb.mesos.scheduler.api.Route.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;

/** The v1 API: every endpoint the scheduler serves, in one table. */
final class Routes {

    private Routes() {
    }

    static List<Route> v1(Commands commands, CommandWait wait) {
        List<Route> routes = new ArrayList<>(List.of(
                get("/v1/plans", (view, p) -> PlanQueries.names(view)),
                get("/v1/plans/{plan}", (view, p) -> PlanQueries.plan(view, p.get("plan"))),
                // dcos-commons 0.20 clients (and old Marathon health checks) still ask for /v1/plan.
                get("/v1/plan", (view, p) -> PlanQueries.plan(view, ServiceHealth.DEPLOY_PLAN)),
                get("/v1/pod", (view, p) -> PodQueries.names(view)),
                get("/v1/pod/status", (view, p) -> PodQueries.statusOfAll(view)),
                get("/v1/pod/{pod}/status", (view, p) -> PodQueries.status(view, p.get("pod"))),
                get("/v1/pod/{pod}/info", (view, p) -> PodQueries.info(view, p.get("pod"))),
                get("/v1/endpoints", (view, p) -> EndpointQueries.names(view)),
                get("/v1/endpoints/{name}", (view, p) -> EndpointQueries.endpoint(view, p.get("name"))),
                get("/v1/configurations/target", (view, p) -> StateQueries.targetConfiguration(view)),
                get("/v1/state/frameworkId", (view, p) -> StateQueries.frameworkId(view)),
                get("/v1/health", (view, p) -> ServiceHealth.reply(view))));
        routes.addAll(planCommands("/v1/plans/{plan}", p -> p.get("plan"), commands, wait));
        // The legacy path commands the deploy plan, as its GET shows it.
        routes.addAll(planCommands("/v1/plan", p -> ServiceHealth.DEPLOY_PLAN, commands, wait));
        routes.add(post("/v1/pod/{pod}/restart", call -> podCommand(call, new PodCommand.Restart(call.params().get("pod")), commands, wait)));
        routes.add(post("/v1/pod/{pod}/replace", call -> podCommand(call, new PodCommand.Replace(call.params().get("pod")), commands, wait)));
        return List.copyOf(routes);
    }

    private static List<Route> planCommands(String prefix, Function<Map<String, String>, String> plan,
                                            Commands commands, CommandWait wait) {
        return List.of(
                planCommand(prefix + "/start", plan, PlanCommandRequests::start, commands, wait),
                planCommand(prefix + "/stop", plan, PlanCommandRequests::stop, commands, wait),
                planCommand(prefix + "/interrupt", plan, PlanCommandRequests::interrupt, commands, wait),
                planCommand(prefix + "/continue", plan, PlanCommandRequests::resume, commands, wait),
                planCommand(prefix + "/forceComplete", plan, PlanCommandRequests::forceComplete, commands, wait),
                planCommand(prefix + "/restart", plan, PlanCommandRequests::restart, commands, wait));
    }

    private static Route planCommand(String template, Function<Map<String, String>, String> plan,
                                     PlanCommandRequests.Parser parser, Commands commands, CommandWait wait) {
        return post(template, call -> {
            try {
                var command = parser.parse(call);
                return wait.reply(call.request(), () -> commands.plan(plan.apply(call.params()), command));
            } catch (BadRequest e) {
                return Reply.message(400, e.getMessage());
            }
        });
    }

    private static Reply podCommand(Route.Call call, PodCommand command, Commands commands, CommandWait wait) {
        try {
            PlanCommandRequests.withoutBody(call);
            QueryParameters.parse(call.rawQuery(), List.of(), call.request());
        } catch (BadRequest e) {
            return Reply.message(400, e.getMessage());
        }
        return wait.reply(call.request(), () -> commands.pod(command));
    }
}
