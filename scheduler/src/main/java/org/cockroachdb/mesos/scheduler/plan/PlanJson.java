package org.cockroachdb.mesos.scheduler.plan;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A plan in the SDK's JSON shape, which the CLI and existing tooling read:
 * {@code {"phases":[{"id","name","steps":[{"id","status","name","message"}],"status","strategy"}],"errors","status","strategy"}}.
 */
public final class PlanJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter INDENTED = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private PlanJson() {
    }

    public static ObjectNode of(Plan plan) {
        ObjectNode out = NODES.objectNode();
        ArrayNode phases = out.putArray("phases");
        for (Phase phase : plan.phases()) {
            ObjectNode p = phases.addObject();
            p.put("id", phase.id());
            p.put("name", phase.name());
            ArrayNode steps = p.putArray("steps");
            for (Step step : phase.steps()) {
                ObjectNode s = steps.addObject();
                s.put("id", step.id());
                s.put("status", step.status().name());
                s.put("name", step.name());
                s.put("message", step.message());
            }
            p.put("status", phase.status().name());
            p.put("strategy", phase.strategy().json());
        }
        ArrayNode errors = out.putArray("errors");
        plan.errors().forEach(errors::add);
        out.put("status", plan.status().name());
        out.put("strategy", plan.strategy().json());
        return out;
    }

    /** Indented, as the API serves it. */
    public static String write(Plan plan) {
        try {
            return INDENTED.writeValueAsString(of(plan));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
    }
}
