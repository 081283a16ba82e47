package org.cockroachdb.mesos.universe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The build's last step: the final resource.json (with the CLI zip's sha256), the publishable
 * package directory, the artifacts to upload, and a stub universe ({@code dcos package repo add}).
 *
 * <pre>
 * out/universe/package/      package.json config.json resource.json marathon.json.mustache
 * out/universe/artifacts/    what resource.json points at, plus the stub universe and SHA256SUMS
 * out/stub-universe-cockroachdb.json
 * </pre>
 */
public final class StubUniverse {

    public static final String FILE_NAME = "stub-universe-cockroachdb.json";
    /** The CLI's hash in the source resource.json; only the build can know the value. */
    static final String CLI_HASH_PLACEHOLDER = "@cli.zip.sha256@";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param schedulerTgz the scheduler distribution
     * @param executorJar  the executor
     * @param cliZip       the CLI plugin zip for linux x86-64
     */
    public record Artifacts(Path schedulerTgz, Path executorJar, Path cliZip) {
    }

    private StubUniverse() {
    }

    /** {@code StubUniverse <package dir> <scheduler.tar.gz> <executor.jar> <cli.zip> <out dir>} (the pom runs it). */
    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: StubUniverse <package dir> <scheduler.tar.gz> <executor.jar> <cli.zip> <out dir>");
        }
        Path stub = write(PackageFiles.fromDirectory(Path.of(args[0])),
                new Artifacts(Path.of(args[1]), Path.of(args[2]), Path.of(args[3])), Path.of(args[4]));
        System.out.println("stub universe: " + stub);
    }

    /** Writes everything under {@code out}; returns the stub universe file. */
    public static Path write(PackageFiles source, Artifacts artifacts, Path out) throws IOException {
        for (Path p : List.of(artifacts.schedulerTgz(), artifacts.executorJar(), artifacts.cliZip())) {
            if (!Files.isRegularFile(p)) {
                throw new IOException("missing artifact " + p.toAbsolutePath().normalize() + ": build the module that"
                        + " makes it first (mvn -B package builds cli and executor before universe-package) or give"
                        + " its path (-Dcli.zip=..., -Dexecutor.jar=...)");
            }
        }
        PackageFiles files = source.withResourceJson(resourceWithCliHash(source.resource(),
                ContentHash.sha256(artifacts.cliZip())));
        files.writeTo(out.resolve("universe/package"));

        Path uploads = Files.createDirectories(out.resolve("universe/artifacts"));
        JsonNode uris = files.resource().path("assets").path("uris");
        Map<Path, String> named = new LinkedHashMap<>();
        named.put(artifacts.schedulerTgz(), fileName(uris.path("scheduler-tgz").asText()));
        named.put(artifacts.executorJar(), fileName(uris.path("executor-jar").asText()));
        named.put(artifacts.cliZip(), fileName(cliBinary(files.resource()).path("url").asText()));
        List<String> sums = new ArrayList<>();
        for (Map.Entry<Path, String> e : named.entrySet()) {
            Files.copy(e.getKey(), uploads.resolve(e.getValue()), StandardCopyOption.REPLACE_EXISTING);
            sums.add(ContentHash.sha256(e.getKey()) + "  " + e.getValue());
        }

        byte[] stub = JSON.writeValueAsBytes(repository(files));
        Path stubFile = out.resolve(FILE_NAME);
        Files.write(stubFile, stub);
        Files.write(uploads.resolve(FILE_NAME), stub);
        sums.add(ContentHash.sha256(stubFile) + "  " + FILE_NAME);
        Files.writeString(uploads.resolve("SHA256SUMS"), String.join("\n", sums) + "\n");
        return stubFile;
    }

    /** The repository format Cosmos reads: one package entry with its files inlined. */
    static ObjectNode repository(PackageFiles files) {
        ObjectNode entry = ((ObjectNode) files.packageDefinition()).deepCopy();
        entry.put("releaseVersion", 0);
        entry.set("config", files.config());
        entry.set("resource", files.resource());
        entry.putObject("marathon").put("v2AppMustacheTemplate",
                Base64.getEncoder().encodeToString(files.marathonTemplate().getBytes(StandardCharsets.UTF_8)));
        ObjectNode repo = JsonNodeFactory.instance.objectNode();
        ArrayNode packages = repo.putArray("packages");
        packages.add(entry);
        return repo;
    }

    static String resourceWithCliHash(JsonNode resource, String sha256) throws IOException {
        ObjectNode copy = (ObjectNode) resource.deepCopy();
        JsonNode hash = cliBinary(copy).path("contentHash").path(0);
        if (!(hash instanceof ObjectNode hashObject) || !CLI_HASH_PLACEHOLDER.equals(hash.path("value").asText())) {
            throw new IOException("resource.json has no cli.binaries.linux.x86-64.contentHash[0] with the value "
                    + CLI_HASH_PLACEHOLDER + " to fill in");
        }
        hashObject.put("value", sha256);
        return JSON.writeValueAsString(copy) + "\n";
    }

    private static JsonNode cliBinary(JsonNode resource) {
        return resource.path("cli").path("binaries").path("linux").path("x86-64");
    }

    private static String fileName(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
