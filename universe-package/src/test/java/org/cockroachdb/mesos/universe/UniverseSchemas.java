package org.cockroachdb.mesos.universe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/** The official Universe meta-schemas (test resources), applied with Draft 4 as Universe CI does. */
final class UniverseSchemas {

    static final String PACKAGE = "package-schema.json";
    static final String CONFIG = "config-schema.json";
    static final String RESOURCE = "v3-resource-schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private UniverseSchemas() {
    }

    /** The problems the named schema finds in {@code document}; empty when it is valid. */
    static List<String> problems(String schemaFile, JsonNode document) {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(read(schemaFile));
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    private static JsonNode read(String name) {
        try (InputStream in = UniverseSchemas.class.getResourceAsStream("/universe-schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource /universe-schema/" + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
