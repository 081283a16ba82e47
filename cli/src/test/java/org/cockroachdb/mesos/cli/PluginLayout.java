package org.cockroachdb.mesos.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The plugin zip's layout ({@code bin/dcos-cockroachdb}, {@code lib/cli.jar} with its libraries
 * next to it, {@code plugin.toml}) built from the compiled classes, so that the launcher can be
 * run under {@code mvn test}, before {@code package} made the zip. It finds the cli module from
 * where its classes were loaded, so suites of other modules (e2e) can build it too.
 */
final class PluginLayout {
    private static final List<String> LIBRARIES = List.of("picocli-", "jackson-databind-", "jackson-core-",
            "jackson-annotations-");

    private PluginLayout() {
    }

    static Path build(Path home) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path lib = Files.createDirectories(home.resolve("lib"));
        Path classes = compiledClasses();
        Path module = classes.getParent().getParent();
        Path launcher = Files.copy(module.resolve("src/main/dist/bin/dcos-cockroachdb"), bin.resolve("dcos-cockroachdb"));
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(module.resolve("src/main/dist/plugin.toml"), home.resolve("plugin.toml"));
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (name.endsWith(".jar") && LIBRARIES.stream().anyMatch(name::startsWith)) {
                Files.copy(jar, lib.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                classPath.add(name);
            }
        }
        if (classPath.size() != LIBRARIES.size()) {
            throw new IllegalStateException("expected " + LIBRARIES + " on the test class path, found " + classPath);
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CliMain.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        try (OutputStream file = Files.newOutputStream(lib.resolve("cli.jar"));
             JarOutputStream jar = new JarOutputStream(file, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        return home;
    }

    /** The cli module's {@code target/classes}, where the build put {@link CliMain}. */
    private static Path compiledClasses() {
        try {
            Path location = Path.of(CliMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(location) || !location.endsWith(Path.of("target", "classes"))) {
                throw new IllegalStateException("the CLI's classes must come from the cli module's target/classes"
                        + " (run the build from the project root), not " + location);
            }
            return location;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
