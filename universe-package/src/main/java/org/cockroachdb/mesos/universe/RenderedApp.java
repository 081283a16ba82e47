package org.cockroachdb.mesos.universe;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A rendered Marathon app: what Cosmos would POST to Marathon. */
public record RenderedApp(ObjectNode app) {

    public RenderedApp {
        app = app.deepCopy();
    }

    /** The whole app JSON (a copy). */
    @Override
    public ObjectNode app() {
        return app.deepCopy();
    }

    /** The app id, which is the service name. */
    public String id() {
        return app.path("id").asText();
    }

    /**
     * The scheduler's environment as the app declares it (Marathon adds PORT_API and the like when
     * it launches the task). Every value is a string: secrets reach the scheduler as files, never
     * as environment references.
     */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : app.path("env").properties()) {
            if (!e.getValue().isTextual()) {
                throw new IllegalStateException("the app's env " + e.getKey() + " is not a string");
            }
            env.put(e.getKey(), e.getValue().textValue());
        }
        return env;
    }

    /** The app's labels. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        app.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }
}
