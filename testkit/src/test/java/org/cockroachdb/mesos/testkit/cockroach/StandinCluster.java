package org.cockroachdb.mesos.testkit.cockroach;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code cockroach} node processes on loopback for tests: the stand-in by default, or the
 * binary named by {@code COCKROACH_BINARY}. Each node gets its own store and free ports; the
 * stand-in's timings are shortened through its {@code COCKROACH_STANDIN_*} variables (a real
 * binary ignores them).
 */
public final class StandinCluster implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Path dir;
    private final String release;
    private final Map<String, String> env = new HashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One node: its ports, its store, and its process when running. */
    public final class Node {
        public final int index;
        public final int rpcPort;
        public final int httpPort;
        public final Path store;
        public Process process;
        public Path stdout;
        public Path stderr;
        private int runs;

        Node(int index) throws IOException {
            this.index = index;
            this.rpcPort = freePort();
            this.httpPort = freePort();
            this.store = dir.resolve("store-" + index);
        }

        public String rpcAddress() {
            return "127.0.0.1:" + rpcPort;
        }

        public String output() throws IOException {
            return Files.readString(stdout);
        }

        public String errors() throws IOException {
            return Files.readString(stderr);
        }
    }

    /** What a client command did. */
    public record Result(int exitCode, String out, String err) {}

    public StandinCluster(Path dir, String release) {
        this.dir = dir;
        this.release = release;
        env.put("COCKROACH_STANDIN_VERSION", release);
        env.put("COCKROACH_STANDIN_HOME", dir.resolve("home").toString());
        env.put("COCKROACH_STANDIN_HEARTBEAT", "200ms");
        env.put("COCKROACH_STANDIN_LIVENESS", "1500ms");
        env.put("COCKROACH_STANDIN_SETTLE", "1s");
        env.put("COCKROACH_STANDIN_DRAIN", "300ms");
        env.put("COCKROACH_STANDIN_REPLICA_MOVE_RATE", "60");
    }

    public StandinCluster env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Node addNode() throws IOException {
        Node n = new Node(nodes.size());
        nodes.add(n);
        return n;
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public String joinList() {
        return String.join(",", nodes.stream().limit(3).map(Node::rpcAddress).toList());
    }

    /** The command that runs cockroach: the real binary if given, else the stand-in on this classpath. */
    public static List<String> cockroach() {
        String binary = System.getenv("COCKROACH_BINARY");
        if (binary != null && !binary.isBlank()) {
            return List.of(binary);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xss512k", "-cp", System.getProperty("java.class.path"),
                CockroachMain.class.getName());
    }

    /** Starts the node with the usual insecure flags plus {@code extra}. */
    public Process start(Node n, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("start", "--insecure", "--store=path=" + n.store,
                "--listen-addr=" + n.rpcAddress(), "--http-addr=127.0.0.1:" + n.httpPort, "--join=" + joinList()));
        args.addAll(List.of(extra));
        return launch(n, args);
    }

    public Process launch(Node n, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(cockroach());
        cmd.addAll(args);
        n.runs++;
        n.stdout = dir.resolve("node-" + n.index + "-run-" + n.runs + ".out");
        n.stderr = dir.resolve("node-" + n.index + "-run-" + n.runs + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(n.stdout.toFile()).redirectError(n.stderr.toFile());
        pb.environment().putAll(env);
        n.process = pb.start();
        return n.process;
    }

    /** Runs a client command to completion. */
    public Result cli(String... args) throws IOException, InterruptedException {
        return cliWithInput(null, args);
    }

    public Result cliWithInput(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(cockroach());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "cli", ".out");
        Path err = Files.createTempFile(dir, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cockroach " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    public Result init(Node n) throws IOException, InterruptedException {
        return cli("init", "--insecure", "--host=" + n.rpcAddress());
    }

    /** Starts {@code count} nodes, inits through the first, and waits until all are ready. */
    public void startAndInit(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            addNode();
        }
        for (Node n : nodes) {
            start(n);
        }
        // init dials once, as cockroach's does: the first node must be listening (its ports open before it joins)
        await().atMost(WAIT).until(() -> httpStatus(nodes.get(0), "/health") > 0);
        Result init = init(nodes.get(0));
        if (init.exitCode() != 0) {
            throw new AssertionError("init failed: " + init);
        }
        for (Node n : nodes) {
            await().atMost(WAIT).until(() -> httpStatus(n, "/health?ready=1") == 200);
        }
    }

    public int httpStatus(Node n, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String httpBody(Node n, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort + path))
                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sum of a per-store metric in {@code /_status/vars}. */
    public long metric(Node n, String name) throws IOException, InterruptedException {
        long sum = 0;
        for (String line : httpBody(n, "/_status/vars").split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public void signal(Node n, String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(n.process.pid())).start().waitFor();
    }

    public void kill(Node n) throws InterruptedException {
        n.process.destroyForcibly();
        n.process.waitFor(10, TimeUnit.SECONDS);
    }

    public void wipe(Node n) throws IOException {
        try (var files = Files.walk(n.store)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String release() {
        return release;
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
