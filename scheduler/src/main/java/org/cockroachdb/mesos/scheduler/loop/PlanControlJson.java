package org.cockroachdb.mesos.scheduler.loop;

import java.io.IOException;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cockroachdb.mesos.scheduler.plan.PlanControl;
import org.cockroachdb.mesos.scheduler.plan.StepRef;
import org.cockroachdb.mesos.scheduler.state.SecretNames;

/**
 * An operator's overrides of a plan as stored, so that a pause or a forced step survives a
 * scheduler restart. Parameters are stored without those whose names look secret
 * ({@link SecretNames}): credentials never go to ZooKeeper.
 */
final class PlanControlJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanControlJson() {
    }

    static String encode(PlanControl control) {
        ObjectNode node = JSON.createObjectNode();
        node.put("interrupted", control.interrupted());
        ArrayNode phases = node.putArray("interruptedPhases");
        control.interruptedPhases().forEach(phases::add);
        ArrayNode forced = node.putArray("forcedComplete");
        for (StepRef ref : control.forcedComplete()) {
            forced.addObject().put("phase", ref.phase()).put("step", ref.step());
        }
        ObjectNode parameters = node.putObject("parameters");
        control.parameters().forEach((name, value) -> {
            if (!SecretNames.DEFAULT.matches(name)) {
                parameters.put(name, value);
            }
        });
        return node.toString();
    }

    static PlanControl decode(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            TreeSet<String> phases = new TreeSet<>();
            node.path("interruptedPhases").forEach(p -> phases.add(p.asText()));
            TreeSet<StepRef> forced = new TreeSet<>();
            node.path("forcedComplete").forEach(f -> forced.add(new StepRef(f.path("phase").asText(),
                    f.path("step").asText())));
            TreeMap<String, String> parameters = new TreeMap<>();
            node.path("parameters").fields().forEachRemaining(f -> parameters.put(f.getKey(), f.getValue().asText()));
            return new PlanControl(node.path("interrupted").asBoolean(false), phases, forced, parameters);
        } catch (IOException e) {
            throw new IllegalStateException("the stored plan control is not valid JSON: " + e.getMessage(), e);
        }
    }
}
