package org.cockroachdb.mesos.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code cockroach} the agents run in local mode: a shell script that starts the testkit's
 * stand-in with this cluster's stand-in home and timings. The executor runs it exactly as it
 * would run a real binary.
 */
final class CockroachWrapper {
    static final String STANDIN_MAIN = "org.cockroachdb.mesos.testkit.cockroach.CockroachMain";
    /** As the stand-in's own tests run it: quick to start, small stacks. */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    private CockroachWrapper() {}

    /** Timings that keep a stand-in cluster's state changes in seconds (a real binary ignores them). */
    static Map<String, String> fastTunings() {
        return Map.of(
                "COCKROACH_STANDIN_HEARTBEAT", "200ms",
                "COCKROACH_STANDIN_LIVENESS", "1500ms",
                "COCKROACH_STANDIN_SETTLE", "1s",
                "COCKROACH_STANDIN_DRAIN", "300ms",
                "COCKROACH_STANDIN_REPLICA_MOVE_RATE", "60");
    }

    /**
     * The script's text. {@code version} is the stand-in's release unless the caller's environment
     * names one: {@code COCKROACH_STANDIN_VERSION} (a test running another release through the same
     * script), else {@code COCKROACH_VERSION}, which the scheduler gives every executor it launches
     * (so a node rolled onto another release runs that release, as a new binary would).
     */
    static String script(ChildJvm jvm, Path standinHome, String version, Map<String, String> tunings) {
        StringBuilder s = new StringBuilder("#!/bin/sh\n")
                .append("# cockroach for local mode: the stand-in (set COCKROACH_BINARY to run a real cockroach).\n")
                .append("export COCKROACH_STANDIN_HOME=").append(ShellWords.quote(standinHome.toString())).append('\n')
                .append("export COCKROACH_STANDIN_VERSION=\"${COCKROACH_STANDIN_VERSION:-${COCKROACH_VERSION:-")
                .append(version.replace("\"", "")).append("}}\"\n");
        new TreeMap<>(tunings).forEach((k, v) ->
                s.append("export ").append(k).append('=').append(ShellWords.quote(v)).append('\n'));
        s.append("exec ").append(jvm.shellCommand(JVM_OPTIONS, STANDIN_MAIN)).append(" \"$@\"\n");
        return s.toString();
    }

    /** Writes the script as {@code <dir>/cockroach}, executable, and returns its path. */
    static Path write(Path dir, String script) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("cockroach");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
