package org.cockroachdb.mesos.executor.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;

/** The job spec's JSON form; every refusal names its field. */
final class JobSpecJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> KINDS = List.of(JobSpec.CockroachCommand.KIND, JobSpec.Backup.KIND,
            JobSpec.Restore.KIND);
    private static final List<String> COCKROACH_FIELDS = List.of(JobSpec.KIND_FIELD, "cockroachBinary", "args");
    /** Never a credential among them: those travel only in the task's environment. */
    private static final List<String> BACKUP_FIELDS = List.of(JobSpec.KIND_FIELD, "cockroachBinary", "host", "database",
            "bucket", "s3Dir", "backupDir", "region", "endpoint", "mode", "versionFamily", "security");
    private static final List<String> RESTORE_FIELDS = withForce();

    private JobSpecJson() {}

    static JobSpec read(byte[] data) {
        JsonNode root;
        try {
            root = MAPPER.readTree(data == null ? new byte[0] : data);
        } catch (IOException e) {
            throw new InvalidLaunchSpecException("the job spec is not valid JSON: " + firstLine(e));
        }
        if (root == null || !root.isObject() || !root.path(JobSpec.KIND_FIELD).isTextual()) {
            throw new InvalidLaunchSpecException("the job spec must be a JSON object whose \"job\" is one of " + KINDS);
        }
        String kind = root.get(JobSpec.KIND_FIELD).textValue();
        if (kind.equals(JobSpec.CockroachCommand.KIND)) {
            onlyKnown(root, COCKROACH_FIELDS);
            return new JobSpec.CockroachCommand(text(root, "cockroachBinary"), strings(root, "args"));
        }
        if (kind.equals(JobSpec.Backup.KIND)) {
            onlyKnown(root, BACKUP_FIELDS);
            return new JobSpec.Backup(text(root, "cockroachBinary"), text(root, "host"), text(root, "database"),
                    text(root, "bucket"), text(root, "s3Dir"), text(root, "backupDir"), text(root, "region"),
                    optionalText(root, "endpoint"), mode(root), family(root), security(root));
        }
        if (kind.equals(JobSpec.Restore.KIND)) {
            onlyKnown(root, RESTORE_FIELDS);
            return new JobSpec.Restore(text(root, "cockroachBinary"), text(root, "host"), text(root, "database"),
                    text(root, "bucket"), text(root, "s3Dir"), text(root, "backupDir"), text(root, "region"),
                    optionalText(root, "endpoint"), mode(root), family(root), security(root), bool(root, "force"));
        }
        throw new InvalidLaunchSpecException("job must be one of " + KINDS + ", got '" + kind + "'");
    }

    static byte[] write(JobSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        if (spec instanceof JobSpec.CockroachCommand c) {
            root.put(JobSpec.KIND_FIELD, JobSpec.CockroachCommand.KIND);
            root.put("cockroachBinary", c.cockroachBinary());
            c.args().forEach(root.putArray("args")::add);
        } else if (spec instanceof JobSpec.BackupOrRestore b) {
            root.put(JobSpec.KIND_FIELD, b instanceof JobSpec.Backup ? JobSpec.Backup.KIND : JobSpec.Restore.KIND);
            root.put("cockroachBinary", b.cockroachBinary());
            root.put("host", b.host());
            root.put("database", b.database());
            root.put("bucket", b.bucket());
            root.put("s3Dir", b.s3Dir());
            root.put("backupDir", b.backupDir());
            root.put("region", b.region());
            b.endpoint().ifPresent(e -> root.put("endpoint", e));
            root.put("mode", b.mode().name());
            root.put("versionFamily", b.versionFamily().name());
            root.put("security", b.security().name());
            if (b instanceof JobSpec.Restore r) {
                root.put("force", r.force());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static void onlyKnown(JsonNode object, List<String> known) {
        Set<String> allowed = Set.copyOf(known);
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidLaunchSpecException(name + " is not a job spec field; accepted: " + known);
            }
        }
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isTextual()) {
            throw new InvalidLaunchSpecException(name + " must be a JSON string, got " + value);
        }
        return value.textValue();
    }

    private static List<String> withForce() {
        List<String> fields = new ArrayList<>(BACKUP_FIELDS);
        fields.add("force");
        return List.copyOf(fields);
    }

    private static Optional<String> optionalText(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidLaunchSpecException(name + " must be a JSON string or absent, got " + value);
        }
        return Optional.of(value.textValue());
    }

    private static boolean bool(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isBoolean()) {
            throw new InvalidLaunchSpecException(name + " must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    private static JobSpec.BackupMode mode(JsonNode object) {
        return enumValue(object, "mode", JobSpec.BackupMode.class);
    }

    private static VersionFamily family(JsonNode object) {
        return enumValue(object, "versionFamily", VersionFamily.class);
    }

    private static LaunchSpec.SecurityMode security(JsonNode object) {
        return enumValue(object, "security", LaunchSpec.SecurityMode.class);
    }

    private static <E extends Enum<E>> E enumValue(JsonNode object, String name, Class<E> type) {
        List<E> accepted = List.of(type.getEnumConstants());
        JsonNode value = object.get(name);
        if (value != null && value.isTextual()) {
            for (E e : accepted) {
                if (e.name().equals(value.textValue())) {
                    return e;
                }
            }
        }
        throw new InvalidLaunchSpecException(name + " must be one of " + accepted + ", got " + value);
    }

    private static List<String> strings(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || !value.isArray()) {
            throw new InvalidLaunchSpecException(name + " must be a JSON array of strings, got " + value);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidLaunchSpecException(name + " must be a JSON array of strings, got " + item);
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("").strip();
    }
}
