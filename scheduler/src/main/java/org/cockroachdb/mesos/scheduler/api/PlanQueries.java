package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.PlanJson;
import org.cockroachdb.mesos.scheduler.plan.Status;

/** {@code /v1/plans}, {@code /v1/plans/{plan}} and the legacy {@code /v1/plan}. */
final class PlanQueries {

    private PlanQueries() {
    }

    static Reply names(ServiceView view) {
        ArrayNode names = Reply.JSON.createArrayNode();
        view.plans().forEach(p -> names.add(p.name()));
        return Reply.json(names);
    }

    /**
     * 200 when complete, 417 when in error, 202 otherwise: Marathon health checks and the CLI
     * read the code, so an in-progress deploy must not look like a failure.
     */
    static Reply plan(ServiceView view, String name) {
        return view.plan(name)
                .map(plan -> Reply.json(code(plan), PlanJson.of(plan)))
                .orElseGet(() -> Reply.text(404, "Plan " + name + " not found"));
    }

    private static int code(Plan plan) {
        Status status = plan.status();
        if (status == Status.COMPLETE) {
            return 200;
        }
        return status == Status.ERROR ? 417 : 202;
    }
}
