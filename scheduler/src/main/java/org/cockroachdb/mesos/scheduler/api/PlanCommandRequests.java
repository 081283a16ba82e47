package org.cockroachdb.mesos.scheduler.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;

/**
 * From a POST on {@code /v1/plans/<plan>/<command>} to a {@link PlanCommand}: which query
 * parameters and body each command takes. Whether the phase or step exists is the plan's
 * business, decided in the event loop.
 */
final class PlanCommandRequests {

    static final String PHASE = "phase";
    static final String STEP = "step";

    private PlanCommandRequests() {
    }

    interface Parser {
        PlanCommand parse(Route.Call call) throws BadRequest;
    }

    static PlanCommand start(Route.Call call) throws BadRequest {
        QueryParameters.parse(call.rawQuery(), List.of(), call.request());
        return new PlanCommand.Start(StartParameters.parse(call.body()));
    }

    static PlanCommand stop(Route.Call call) throws BadRequest {
        withoutBody(call);
        QueryParameters.parse(call.rawQuery(), List.of(), call.request());
        return new PlanCommand.Stop();
    }

    static PlanCommand interrupt(Route.Call call) throws BadRequest {
        withoutBody(call);
        return new PlanCommand.Interrupt(QueryParameters.parse(call.rawQuery(), List.of(PHASE), call.request()).get(PHASE));
    }

    static PlanCommand resume(Route.Call call) throws BadRequest {
        withoutBody(call);
        return new PlanCommand.Continue(QueryParameters.parse(call.rawQuery(), List.of(PHASE), call.request()).get(PHASE));
    }

    static PlanCommand forceComplete(Route.Call call) throws BadRequest {
        withoutBody(call);
        QueryParameters q = QueryParameters.parse(call.rawQuery(), List.of(PHASE, STEP), call.request());
        return new PlanCommand.ForceComplete(q.get(PHASE), q.get(STEP));
    }

    static PlanCommand restart(Route.Call call) throws BadRequest {
        withoutBody(call);
        QueryParameters q = QueryParameters.parse(call.rawQuery(), List.of(PHASE, STEP), call.request());
        return new PlanCommand.Restart(q.get(PHASE), q.get(STEP));
    }

    /** Commands other than start take everything from the path and query; a body means a confused client. */
    static void withoutBody(Route.Call call) throws BadRequest {
        if (!new String(call.body(), StandardCharsets.UTF_8).isBlank()) {
            throw new BadRequest(call.request() + " takes no body; send it empty");
        }
    }
}
