package org.cockroachdb.mesos.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan status}: a plan's JSON drawn as the SDK CLI draws it, e.g.
 * <pre>
 * deploy (serial strategy) (IN_PROGRESS)
 * ├─ node-deploy (serial strategy) (IN_PROGRESS)
 * │  └─ cockroachdb-0:[node-init] (COMPLETE)
 * </pre>
 * followed, when the plan has errors, by a blank line, {@code Errors:} and one {@code - } line each.
 */
public final class PlanTree {

    private PlanTree() {
    }

    public static String render(String planName, JsonNode plan) {
        List<Tree> phases = new ArrayList<>();
        for (JsonNode phase : plan.path("phases")) {
            List<Tree> steps = new ArrayList<>();
            for (JsonNode step : phase.path("steps")) {
                steps.add(Tree.leaf(step.path("name").asText() + " (" + step.path("status").asText() + ")"));
            }
            phases.add(new Tree(headline(phase.path("name").asText(), phase), steps));
        }
        StringBuilder out = new StringBuilder(new Tree(headline(planName, plan), phases).render());
        JsonNode errors = plan.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            out.append("\nErrors:\n");
            errors.forEach(e -> out.append("- ").append(e.asText()).append('\n'));
        }
        return out.toString();
    }

    private static String headline(String name, JsonNode node) {
        return name + " (" + node.path("strategy").asText() + " strategy) (" + node.path("status").asText() + ")";
    }
}
