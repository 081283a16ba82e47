package org.cockroachdb.mesos.scheduler.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.curator.test.TestingServer;
import org.cockroachdb.mesos.scheduler.SchedulerMain;
import org.cockroachdb.mesos.scheduler.loop.LightweightExecutor;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;

/**
 * The scheduler's heap after it has deployed 100 nodes (docs/BENCHMARKS.md): the scheduler runs as
 * its own process (so the emulator's memory is not counted) against the emulator with 100 agents
 * and executors that start no database; once the deploy plan is COMPLETE, a full GC, then the used
 * heap as the JVM reports it, the bytes of reachable objects (class histogram), and the process's
 * resident memory. {@code -Dnodes=N} changes the count, {@code -Dhistogram=true} prints the top classes.
 */
public final class SchedulerHeapBench {

    private static final int NODES = Integer.getInteger("nodes", 100);

    private SchedulerHeapBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("heap-bench");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        int apiPort = freePort();
        try (TestingServer zk = new TestingServer(true);
                MesosEmulator emulator = MesosEmulator.start(EmulatorConfig.withAgents(NODES, work).fast())) {
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", cp, SchedulerMain.class.getName());
            Map<String, String> env = pb.environment();
            env.put("MESOS_MASTER", emulator.masterUri().toString());
            env.put("ZOOKEEPER", zk.getConnectString());
            env.put("NODE_COUNT", Integer.toString(NODES));
            env.put("NODE_CPUS", "0.5");
            env.put("NODE_MEM", "1024");
            env.put("NODE_DISK", "1024");
            env.put("COCKROACH_PG_PORT", "31257");
            env.put("COCKROACH_HTTP_PORT", "31258");
            env.put("NODE_ADDRESSING", "agent-ip");
            env.put("PORT_API", Integer.toString(apiPort));
            env.put("EXECUTOR_COMMAND", "exec '" + java + "' -Xmx16m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                    + " -XX:CICompilerCount=1 -cp '" + cp + "' " + LightweightExecutor.class.getName());
            pb.redirectErrorStream(true).redirectOutput(work.resolve("scheduler.log").toFile());
            Process scheduler = pb.start();
            try {
                long t0 = System.nanoTime();
                HttpClient http = HttpClient.newHttpClient();
                URI deploy = URI.create("http://127.0.0.1:" + apiPort + "/v1/plans/deploy");
                long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
                while (status(http, deploy) != 200) {
                    if (System.nanoTime() > deadline || !scheduler.isAlive()) {
                        throw new IllegalStateException("the deploy did not complete; see " + work.resolve("scheduler.log"));
                    }
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                }
                System.out.printf("%d nodes deployed in %.1f s%n", NODES, (System.nanoTime() - t0) / 1e9);
                run(List.of("jcmd", Long.toString(scheduler.pid()), "GC.run"));
                String heap = run(List.of("jcmd", Long.toString(scheduler.pid()), "GC.heap_info"));
                Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heap);
                long usedKb = 0;
                while (used.find()) {
                    usedKb += Long.parseLong(used.group(2));
                }
                System.out.printf("scheduler heap used after full GC: %.1f MiB%n", usedKb / 1024.0);
                // The histogram counts only reachable objects: the scheduler's live data.
                String histogram = run(List.of("jcmd", Long.toString(scheduler.pid()), "GC.class_histogram"));
                Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
                if (total.find()) {
                    System.out.printf("scheduler live objects (class histogram): %.1f MiB%n",
                            Long.parseLong(total.group(1)) / 1048576.0);
                }
                System.out.printf("scheduler resident memory: %d MiB%n", rssKb(scheduler.pid()) / 1024);
                if (Boolean.getBoolean("histogram")) {
                    histogram.lines().limit(18).forEach(System.out::println);
                }
            } finally {
                scheduler.destroy();
                scheduler.waitFor();
            }
        }
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
