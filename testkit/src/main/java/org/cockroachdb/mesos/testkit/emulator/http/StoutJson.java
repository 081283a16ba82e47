package org.cockroachdb.mesos.testkit.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Makes a JSON body look to protobuf's JsonFormat as it looks to stout: stout finds fields by
 * their proto (snake_case) names only, so a key such as {@code frameworkInfo}, which JsonFormat
 * would take as the camelCase json_name, is dropped as unknown, just as Mesos ignores it.
 */
final class StoutJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoutJson() {}

    /** The JSON with unknown keys removed, and the required fields it lacks, named as C++ names them. */
    record Prepared(String json, List<String> missingRequired) {}

    static Prepared prepare(String json, Descriptor type) throws InvalidProtocolBufferException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidProtocolBufferException("Expecting a JSON object");
        }
        prune((ObjectNode) root, type);
        List<String> missing = new ArrayList<>();
        missingRequired((ObjectNode) root, type, "", missing);
        return new Prepared(root.toString(), missing);
    }

    static String keepProtoNamesOnly(String json, Descriptor type) throws InvalidProtocolBufferException {
        return prepare(json, type).json();
    }

    /** Stout checks IsInitialized after converting; a JSON null counts as unset. */
    private static void missingRequired(ObjectNode object, Descriptor type, String prefix, List<String> out) {
        for (FieldDescriptor field : type.getFields()) {
            JsonNode value = object.get(field.getName());
            boolean unset = value == null || value.isNull();
            if (field.isRequired() && unset) {
                out.add(prefix + field.getName());
            }
            if (unset || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isMapField()) {
                continue;
            }
            if (value.isObject()) {
                missingRequired((ObjectNode) value, field.getMessageType(), prefix + field.getName() + ".", out);
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isObject()) {
                        missingRequired((ObjectNode) value.get(i), field.getMessageType(),
                                prefix + field.getName() + "[" + i + "].", out);
                    }
                }
            }
        }
    }

    private static void prune(ObjectNode object, Descriptor type) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            FieldDescriptor field = type.findFieldByName(name);
            if (field == null) {
                unknown.add(name);
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()) {
                JsonNode value = object.get(name);
                if (value.isObject()) {
                    prune((ObjectNode) value, field.getMessageType());
                } else if (value.isArray()) {
                    for (JsonNode element : value) {
                        if (element.isObject()) {
                            prune((ObjectNode) element, field.getMessageType());
                        }
                    }
                }
            }
        }
        object.remove(unknown);
    }
}
