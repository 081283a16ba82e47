package org.cockroachdb.mesos.executor.job.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * {@code manifest.json} beside a dump, written only after the dump is complete: a restore trusts a
 * dump only if its length and SHA-256 match.
 *
 * @param format what produced the SQL: {@link #FORMAT_COCKROACH_DUMP} or {@link #FORMAT_SQL_SNAPSHOT}
 */
public record DumpManifest(String database, long bytes, String sha256, String cockroachVersion, String createdAt,
                           String mode, String format) {
    /** {@code cockroach dump}'s output (up to v21.1). */
    public static final String FORMAT_COCKROACH_DUMP = "cockroach-dump";
    /** Our own dump over SQL ({@code SHOW CREATE TABLE} and INSERTs at one timestamp), for v21.2+. */
    public static final String FORMAT_SQL_SNAPSHOT = "sql-snapshot";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public byte[] toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("database", database);
        root.put("bytes", bytes);
        root.put("sha256", sha256);
        root.put("cockroachVersion", cockroachVersion);
        root.put("createdAt", createdAt);
        root.put("mode", mode);
        root.put("format", format);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /** @throws IllegalArgumentException one line saying what is wrong with it */
    public static DumpManifest fromJson(byte[] json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("it is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("bytes").canConvertToLong()
                || !root.path("bytes").isIntegralNumber() || !root.path("sha256").isTextual()
                || !root.path("database").isTextual()) {
            throw new IllegalArgumentException("it lacks database, bytes or sha256");
        }
        return new DumpManifest(root.get("database").textValue(), root.get("bytes").longValue(),
                root.get("sha256").textValue(), root.path("cockroachVersion").asText(""), root.path("createdAt").asText(""),
                root.path("mode").asText(""), root.path("format").asText(""));
    }
}
