package org.cockroachdb.mesos.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node's membership as {@code cockroach node status <id> --decommission --format=csv} reports it
 * (read by header name, as the columns move between versions): the real binary when
 * COCKROACH_BINARY is set, else the stand-in, which honours the same command line.
 */
final class NodeMembership {

    private NodeMembership() {
    }

    /** E.g. "decommissioned", asked of the node at {@code host} (host:port of a live node). */
    static String of(String host, long nodeId) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        String binary = System.getenv("COCKROACH_BINARY");
        if (binary != null && !binary.isBlank()) {
            command.add(binary);
        } else {
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "org.cockroachdb.mesos.testkit.cockroach.CockroachMain"));
        }
        command.addAll(List.of("node", "status", Long.toString(nodeId), "--decommission", "--format=csv",
                "--insecure", "--host=" + host));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("cockroach node status " + nodeId + " failed: " + out);
        }
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int column = header.indexOf("membership");
        if (column < 0 || lines.size() < 2) {
            throw new AssertionError("no membership for node " + nodeId + " in: " + out);
        }
        return lines.get(1).split(",")[column];
    }
}
