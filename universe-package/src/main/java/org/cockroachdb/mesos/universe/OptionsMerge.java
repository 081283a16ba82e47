package org.cockroachdb.mesos.universe;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** User options over defaults, as Cosmos merges them: objects recursively, anything else replaced. */
final class OptionsMerge {

    private OptionsMerge() {
    }

    static JsonNode over(JsonNode base, JsonNode top) {
        if (!(base instanceof ObjectNode baseObject) || !(top instanceof ObjectNode topObject)) {
            return top.deepCopy();
        }
        ObjectNode out = baseObject.deepCopy();
        for (Map.Entry<String, JsonNode> field : topObject.properties()) {
            JsonNode existing = out.get(field.getKey());
            out.set(field.getKey(), existing == null ? field.getValue().deepCopy() : over(existing, field.getValue()));
        }
        return out;
    }
}
