package org.cockroachdb.mesos.scheduler.cockroach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cockroachdb.mesos.testkit.cockroach.CockroachMain;

/**
 * Cockroach stand-in nodes as real processes on loopback, each with its own store and free ports,
 * sharing one join list, with the stand-in's clocks shortened so that liveness and re-replication
 * play out in seconds.
 */
final class StandinNodes implements AutoCloseable {

    /** Short enough for a quick test, long enough that a loaded machine does not miss heartbeats. */
    private static final Map<String, String> TUNING = Map.of(
            "COCKROACH_STANDIN_VERSION", "v23.1.11",
            "COCKROACH_STANDIN_HEARTBEAT", "200ms",
            "COCKROACH_STANDIN_LIVENESS", "3s",
            "COCKROACH_STANDIN_SETTLE", "1s",
            "COCKROACH_STANDIN_DRAIN", "300ms");

    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();

    /** One node: the pod it plays, its ports and store, and its process while it runs. */
    static final class Node {
        final String pod;
        final int rpcPort;
        final int httpPort;
        final Path store;
        Process process;
        int runs;

        Node(String pod, int rpcPort, int httpPort, Path store) {
            this.pod = pod;
            this.rpcPort = rpcPort;
            this.httpPort = httpPort;
            this.store = store;
        }

        String rpcAddress() {
            return "127.0.0.1:" + rpcPort;
        }

        NodeHttpAddress http() {
            return new NodeHttpAddress(pod, "127.0.0.1", httpPort);
        }
    }

    StandinNodes(Path dir, int count) throws IOException {
        this.dir = dir;
        for (int i = 0; i < count; i++) {
            nodes.add(new Node(NodePods.podName(i), freePort(), freePort(), dir.resolve("store-" + i)));
        }
    }

    Node node(int i) {
        return nodes.get(i);
    }

    List<NodeHttpAddress> httpAddresses() {
        return nodes.stream().map(Node::http).toList();
    }

    /** Starts (or restarts, on the same store) one node with the flags the scheduler gives it. */
    void start(int i) throws IOException {
        Node n = nodes.get(i);
        String join = String.join(",", nodes.stream().limit(3).map(Node::rpcAddress).toList());
        n.runs++;
        n.process = run(n.pod + "-run-" + n.runs, "start", "--insecure", "--store=path=" + n.store,
                "--listen-addr=" + n.rpcAddress(), "--http-addr=127.0.0.1:" + n.httpPort, "--join=" + join);
    }

    /** {@code cockroach init} against pod 0, once; fails the test if it does not succeed. */
    void init() throws IOException, InterruptedException {
        Process init = run("init", "init", "--insecure", "--host=" + nodes.get(0).rpcAddress());
        if (!init.waitFor(60, TimeUnit.SECONDS)) {
            init.destroyForcibly();
            throw new AssertionError("cockroach init did not finish within 60 s");
        }
        if (init.exitValue() != 0) {
            throw new AssertionError("cockroach init failed: " + Files.readString(dir.resolve("init.err")));
        }
    }

    /** SIGKILL: no drain, the node just vanishes. */
    void kill(int i) throws InterruptedException {
        Process p = nodes.get(i).process;
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(nodes.get(i).pod + " survived SIGKILL for 10 s");
        }
    }

    private Process run(String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k", "-cp", System.getProperty("java.class.path"),
                CockroachMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().putAll(TUNING);
        pb.environment().put("COCKROACH_STANDIN_HOME", dir.resolve("home").toString());
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            if (n.process != null && n.process.isAlive()) {
                n.process.destroyForcibly();
                try {
                    n.process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
