package org.cockroachdb.mesos.universe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

/**
 * Checks merged options against config.json as Cosmos does (JSON Schema Draft 4, whatever
 * {@code $schema} says) and words each problem as one line that starts with the option's path.
 */
final class OptionsValidation {

    private final JsonNode config;
    private final Schema schema;

    OptionsValidation(JsonNode config) {
        this.config = config;
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(config);
    }

    /** Empty when the options are acceptable. */
    List<String> problems(JsonNode options) {
        List<Error> errors = new ArrayList<>(schema.validate(options));
        errors.sort(Comparator.comparing((Error e) -> path(e.getInstanceLocation())).thenComparing(Error::getMessage));
        List<String> out = new ArrayList<>();
        for (Error error : errors) {
            String line = line(error);
            if (!out.contains(line)) {
                out.add(line);
            }
        }
        return out;
    }

    private String line(Error error) {
        String where = path(error.getInstanceLocation());
        if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
            String key = where.isEmpty() ? error.getProperty() : where + "." + error.getProperty();
            return key + ": unknown option; " + (where.isEmpty() ? "the groups are " : where + " accepts ")
                    + String.join(", ", known(error.getInstanceLocation()));
        }
        return (where.isEmpty() ? "(options)" : where) + ": " + withoutLocation(error.getMessage());
    }

    /** The property names the schema declares at that place. */
    private TreeSet<String> known(NodePath at) {
        JsonNode node = config;
        for (int i = 0; i < at.getNameCount(); i++) {
            node = node.path("properties").path(at.getName(i));
        }
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
            names.add(p.getKey());
        }
        return names;
    }

    /** {@code node.count}, {@code service.tags[2]}; empty for the whole document. */
    static String path(NodePath at) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            if (element instanceof Number index) {
                out.append('[').append(index).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    /** The library starts its messages with the location as a pointer; ours start with the path. */
    private static String withoutLocation(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("/") || message.startsWith("$") ? message.substring(colon + 2) : message;
    }
}
