package org.cockroachdb.mesos.executor.standin;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.testkit.cockroach.CockroachMain;

/**
 * A {@code cockroach} executable for tests: a shell script that execs the stand-in on this
 * classpath (so signals reach it), with the stand-in's cluster home and fast timings baked in, as
 * the executor passes its own environment on to cockroach.
 */
public final class StandinBinary {
    /** What the wrapper writes to stderr first: proof that a failure message carries the stderr tail. */
    public static final String STDERR_MARK = "stand-in wrapper: running cockroach";

    private StandinBinary() {}

    /** Writes {@code <dir>/cockroach} playing {@code release} (e.g. v23.1.11) with its cluster state under {@code home}. */
    public static Path write(Path dir, String release, Path home) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("cockroach");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String text = "#!/bin/sh\n"
                + "export COCKROACH_STANDIN_VERSION='" + release + "'\n"
                + "export COCKROACH_STANDIN_HOME='" + home + "'\n"
                + "export COCKROACH_STANDIN_HEARTBEAT=200ms\n"
                + "export COCKROACH_STANDIN_LIVENESS=1500ms\n"
                + "export COCKROACH_STANDIN_SETTLE=1s\n"
                + "export COCKROACH_STANDIN_DRAIN=300ms\n"
                + "echo \"" + STDERR_MARK + " $1\" >&2\n"
                + "exec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xmx256m -cp '"
                + System.getProperty("java.class.path") + "' " + CockroachMain.class.getName() + " \"$@\"\n";
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A one-node launch spec on free loopback ports, with fast checks. */
    public static LaunchSpec spec(Path binary, String expectedVersion, boolean initCluster, Duration healthGrace)
            throws IOException {
        int rpc = freePort();
        int http = freePort();
        return new LaunchSpec(binary.toString(), expectedVersion, "cockroach-data", "127.0.0.1", "127.0.0.1", rpc, http,
                List.of("127.0.0.1:" + rpc), 64L << 20, 64L << 20, LaunchSpec.SecurityMode.INSECURE, initCluster,
                new LaunchSpec.Checks(Duration.ofMillis(200), Duration.ofMillis(300), healthGrace, 3,
                        Duration.ofMillis(500)));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Stand-in node processes with a store anywhere under {@code dir}: none may outlive a test. */
    public static List<ProcessHandle> nodesUnder(Path dir) {
        String prefix = "--store=path=" + dir.toAbsolutePath().normalize();
        return withArgument(a -> a.startsWith(prefix));
    }

    /** Live processes with an argument matching {@code wanted}. */
    public static List<ProcessHandle> withArgument(java.util.function.Predicate<String> wanted) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> arguments(p).stream().anyMatch(wanted)).toList();
    }

    /**
     * The whole command line from {@code /proc}: {@link ProcessHandle.Info} cuts long ones short,
     * and a stand-in's classpath comes before its interesting arguments.
     */
    static List<String> arguments(ProcessHandle p) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
            return List.of(new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\u0000"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // gone, or not ours to read
        }
    }
}
