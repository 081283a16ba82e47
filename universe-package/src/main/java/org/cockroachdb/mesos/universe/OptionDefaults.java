package org.cockroachdb.mesos.universe;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The options a config.json schema implies when the user gives none, collected as Cosmos does. */
final class OptionDefaults {

    private OptionDefaults() {
    }

    /**
     * A property with a {@code default} contributes it (even an object); one without recurses into
     * its {@code properties} and is kept only when something below it has a default.
     */
    static ObjectNode of(JsonNode schema) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            JsonNode definition = property.getValue();
            if (definition.has("default")) {
                out.set(property.getKey(), definition.get("default").deepCopy());
            } else if (definition.has("properties")) {
                ObjectNode nested = of(definition);
                if (!nested.isEmpty()) {
                    out.set(property.getKey(), nested);
                }
            }
        }
        return out;
    }
}
