package org.cockroachdb.mesos.testkit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.cockroachdb.mesos.testkit.cockroach.StandinCluster;

/**
 * Prints start-up time and memory of one cockroach stand-in node (docs/BENCHMARKS.md): process
 * start → HTTP {@code /health} answering; → ready ({@code /health?ready=1} 200) after
 * {@code start-single-node}; → first SQL answer over pgjdbc; and the node's resident memory
 * (VmRSS) once it has served that query. Five runs each.
 */
public final class StandinStartupBench {
    private static final int RUNS = 5;

    private StandinStartupBench() {}

    public static void main(String[] args) throws Exception {
        List<Long> health = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        List<Long> sql = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Path dir = Files.createTempDirectory("standin-bench");
            try (StandinCluster c = new StandinCluster(dir, "v23.1.11")) {
                StandinCluster.Node n = c.addNode();
                long t0 = System.nanoTime();
                c.launch(n, List.of("start-single-node", "--insecure", "--store=path=" + n.store,
                        "--listen-addr=" + n.rpcAddress(), "--http-addr=127.0.0.1:" + n.httpPort));
                waitFor(() -> c.httpStatus(n, "/health") == 200);
                health.add(ms(t0));
                waitFor(() -> c.httpStatus(n, "/health?ready=1") == 200);
                ready.add(ms(t0));
                Properties p = new Properties();
                p.setProperty("user", "root");
                p.setProperty("sslmode", "disable");
                try (Connection conn = DriverManager.getConnection("jdbc:postgresql://" + n.rpcAddress() + "/defaultdb", p);
                     ResultSet rs = conn.createStatement().executeQuery("SELECT 1")) {
                    rs.next();
                }
                sql.add(ms(t0));
                rss.add(rssKb(n.process.pid()) / 1024);
            }
        }
        print("process start -> /health 200 (ms)", health);
        print("process start -> ready (start-single-node) (ms)", ready);
        print("process start -> first SQL result over pgjdbc (ms)", sql);
        print("resident memory after the first query (MiB)", rss);
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the stand-in did not get there within 60 s");
            }
            Thread.onSpinWait();
        }
    }

    private static void print(String what, List<Long> values) {
        Collections.sort(values);
        System.out.printf("%s: min %d  median %d  max %d%n", what, values.get(0), values.get(values.size() / 2),
                values.get(values.size() - 1));
    }
}
