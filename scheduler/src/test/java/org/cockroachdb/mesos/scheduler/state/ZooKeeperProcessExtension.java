package org.cockroachdb.mesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper server of a given release, run as a child JVM from the jars the build copied
 * into a directory (named by a system property), with its config and data in a temporary directory.
 */
final class ZooKeeperProcessExtension implements BeforeAllCallback, AfterAllCallback, ZkServer {

    private final String jarsDirProperty;
    private final String expectedVersionPrefix;
    private Path workDir;
    private int port;
    private Process process;

    private ZooKeeperProcessExtension(String jarsDirProperty, String expectedVersionPrefix) {
        this.jarsDirProperty = jarsDirProperty;
        this.expectedVersionPrefix = expectedVersionPrefix;
    }

    /** The release DC/OS ships. */
    static ZooKeeperProcessExtension dcos() {
        return new ZooKeeperProcessExtension("zookeeper.server.dcos.dir", "3.4.14");
    }

    /** A current release. */
    static ZooKeeperProcessExtension current() {
        return new ZooKeeperProcessExtension("zookeeper.server.current.dir", "3.8.");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        workDir = Files.createTempDirectory("zookeeper-");
        port = freePort();
        Files.writeString(workDir.resolve("zoo.cfg"), String.join("\n",
                "tickTime=500",
                "dataDir=" + workDir.resolve("data"),
                "clientPortAddress=127.0.0.1",
                "clientPort=" + port,
                "maxClientCnxns=0",
                // 3.5+ only; 3.4 ignores them.
                "admin.enableServer=false",
                "4lw.commands.whitelist=*",
                ""));
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(workDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public String connectString() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String expectedVersionPrefix() {
        return expectedVersionPrefix;
    }

    @Override
    public void start() {
        Path jars = Path.of(System.getProperty(jarsDirProperty, "missing system property " + jarsDirProperty));
        assertThat(jars).as("ZooKeeper server jars (copied by the build)").isDirectory();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            process = new ProcessBuilder(List.of(java.toString(),
                    "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    // 3.4 registers log4j MBeans unless told not to, and we bring no log4j.
                    "-Dzookeeper.jmx.log4j.disable=true",
                    "-cp", jars.resolve("*").toString(),
                    "org.apache.zookeeper.server.ZooKeeperServerMain",
                    workDir.resolve("zoo.cfg").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("server.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("ZooKeeper " + expectedVersionPrefix + " serving on " + port)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .failFast("ZooKeeper process exited, see " + workDir.resolve("server.log"), () -> !process.isAlive())
                .until(() -> FourLetterWords.serverVersion(connectString()).isPresent());
    }

    @Override
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
