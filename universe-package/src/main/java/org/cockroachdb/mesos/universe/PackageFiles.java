package org.cockroachdb.mesos.universe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The four files of a Universe package, as text (they are published as written) with the JSON ones
 * also parsed. The build puts this package's files, with their build-time values, on the class path
 * under {@value #CLASSPATH_DIR}.
 */
public record PackageFiles(String packageJson, String configJson, String resourceJson, String marathonTemplate) {

    public static final String CLASSPATH_DIR = "/universe/package/";
    public static final String PACKAGE = "package.json";
    public static final String CONFIG = "config.json";
    public static final String RESOURCE = "resource.json";
    public static final String MARATHON = "marathon.json.mustache";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PackageFiles {
        Objects.requireNonNull(packageJson, PACKAGE);
        Objects.requireNonNull(configJson, CONFIG);
        Objects.requireNonNull(resourceJson, RESOURCE);
        Objects.requireNonNull(marathonTemplate, MARATHON);
    }

    /** This project's package, as the build left it on the class path. */
    public static PackageFiles fromClasspath() {
        return new PackageFiles(resource(PACKAGE), resource(CONFIG), resource(RESOURCE), resource(MARATHON));
    }

    /** A package directory as Universe lays one out. */
    public static PackageFiles fromDirectory(Path dir) throws IOException {
        return new PackageFiles(Files.readString(dir.resolve(PACKAGE)), Files.readString(dir.resolve(CONFIG)),
                Files.readString(dir.resolve(RESOURCE)), Files.readString(dir.resolve(MARATHON)));
    }

    /** The same package with another resource.json (the build writes the CLI's hash into it). */
    public PackageFiles withResourceJson(String text) {
        return new PackageFiles(packageJson, configJson, text, marathonTemplate);
    }

    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(PACKAGE), packageJson);
        Files.writeString(dir.resolve(CONFIG), configJson);
        Files.writeString(dir.resolve(RESOURCE), resourceJson);
        Files.writeString(dir.resolve(MARATHON), marathonTemplate);
    }

    public JsonNode packageDefinition() {
        return parse(PACKAGE, packageJson);
    }

    public JsonNode config() {
        return parse(CONFIG, configJson);
    }

    public JsonNode resource() {
        return parse(RESOURCE, resourceJson);
    }

    private static JsonNode parse(String name, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the package's " + name + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = PackageFiles.class.getResourceAsStream(CLASSPATH_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no " + CLASSPATH_DIR + name + " on the class path (is the"
                        + " universe-package module built?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
