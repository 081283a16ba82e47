package org.cockroachdb.mesos.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.TaskState;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.local.LocalCluster;
import org.cockroachdb.mesos.scheduler.cockroach.HealthGate;
import org.cockroachdb.mesos.scheduler.cockroach.NodeVars;
import org.cockroachdb.mesos.scheduler.cockroach.StatusVars;
import org.cockroachdb.mesos.testkit.emulator.SchedulerTraffic;

/**
 * How long a rolling update of N nodes takes, and where the time goes: cockroach's own time
 * (drain, start, readiness, the cluster becoming healthy again) against the settle time we ask
 * for and the scheduler's overhead (from a node's KILLED to its relaunch, and from the end of the
 * settle time to the next node's KILL). Timed from outside, through the emulator's view of the
 * traffic and this process's own reading of every node's {@code /_status/vars} every 100 ms.
 *
 * <pre>mvn -B -q -Prolling-update-timing -pl e2e -am verify -DskipTests -Dnodes=3</pre>
 */
public final class RollingUpdateTimingBench {
    private static final Duration VARS_POLL = Duration.ofMillis(100);

    private RollingUpdateTimingBench() {}

    /**
     * One node's update, as instants; the gate's end is when the cluster was next seen healthy.
     * The last node is not gated (its step is complete once it is ready): its healthy is its ready.
     */
    record NodeTimes(String pod, Instant kill, Instant killed, Instant launch, Instant running, Instant ready,
                     Instant healthy, Instant next, boolean gated) {
        Duration drain() {
            return Duration.between(kill, killed);
        }

        Duration relaunch() {
            return Duration.between(killed, launch);
        }

        Duration start() {
            return Duration.between(launch, running);
        }

        Duration readiness() {
            return Duration.between(running, ready);
        }

        Duration gate() {
            return Duration.between(ready, healthy);
        }

        /**
         * From the end of the settle time to the next node's KILL; for the last node, from its
         * readiness to the plan seen COMPLETE (polled every 300 ms, so up to that much is ours).
         */
        Duration handoff(Duration settle) {
            Duration d = Duration.between(gated ? healthy.plus(settle) : ready, next);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /** A healthy reading of every node, as this process saw it. */
    record Health(Instant at, boolean healthy) {}

    public static void main(String[] args) throws Exception {
        int nodes = Integer.getInteger("nodes", 3);
        Duration settle = Duration.ofSeconds(Integer.getInteger("settle", 5));
        Path dir = Files.createTempDirectory("rolling-timing-");
        LocalCluster.Builder builder = LocalCluster.builder().agents(nodes).nodes(nodes).workDir(dir)
                .honour(System.getenv()).env("HEALTH_GATE_SETTLE_SECONDS", String.valueOf(settle.toSeconds()));
        if (Boolean.getBoolean("fast")) {
            builder.fast();
        }
        try (LocalCluster local = builder.start()) {
            E2eCluster cluster = E2eCluster.of(local);
            cluster.awaitDeployComplete();
            String frameworkId = cluster.api().frameworkId();
            List<String> httpAddresses = local.emulator().agents().stream()
                    .map(a -> a.hostname() + ":" + LocalCluster.DEFAULT_HTTP_PORT).toList();

            ConcurrentLinkedQueue<SchedulerTraffic> traffic = new ConcurrentLinkedQueue<>();
            local.emulator().watchTraffic(t -> {
                if (t.frameworkId().equals(frameworkId)) {
                    traffic.add(t);
                }
            });
            ConcurrentLinkedQueue<Health> health = new ConcurrentLinkedQueue<>();
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
            poller.scheduleWithFixedDelay(() -> health.add(new Health(Instant.now(),
                    HealthGate.healthy(nodes, read(http, httpAddresses)))), 0, VARS_POLL.toMillis(), TimeUnit.MILLISECONDS);

            Instant begin = Instant.now();
            Map<String, String> env = Map.of("HEALTH_GATE_SETTLE_SECONDS", String.valueOf(settle.toSeconds()),
                    "NODE_CPUS", "0.6");
            local.stopScheduler();
            local.startScheduler(env);
            cluster.await().atMost(Duration.ofMinutes(30)).alias("the update complete").until(() ->
                    cluster.api().plan("deploy").status() == 200
                            && cluster.api().reservedCpus(nodes).stream().allMatch(c -> Math.abs(c - 0.6) < 1e-9));
            Instant complete = Instant.now();
            poller.shutdownNow();

            List<NodeTimes> times = analyse(List.copyOf(traffic), List.copyOf(health), complete);
            print(nodes, settle, begin, complete, times);
        }
    }

    private static List<NodeVars> read(HttpClient http, List<String> addresses) {
        List<NodeVars> out = new ArrayList<>();
        for (String address : addresses) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/_status/vars"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                out.add(r.statusCode() == 200 ? NodeVars.read(address, StatusVars.parse(r.body()))
                        : NodeVars.unreachable(address, "HTTP " + r.statusCode()));
            } catch (Exception e) {
                out.add(NodeVars.unreachable(address, e.getClass().getSimpleName()));
            }
        }
        return out;
    }

    /** Pod name of a task id such as {@code cockroachdb__cockroachdb-1-node-join__<uuid>}. */
    static String pod(String taskId) {
        for (String part : taskId.split("__")) {
            if (part.matches(".*-\\d+-node-(init|join)")) {
                return part.replaceAll("-node-(init|join)$", "");
            }
        }
        return taskId;
    }

    static List<NodeTimes> analyse(List<SchedulerTraffic> traffic, List<Health> health, Instant complete) {
        List<SchedulerTraffic> kills = traffic.stream().filter(t -> t.kind() == SchedulerTraffic.Kind.KILL).toList();
        List<NodeTimes> out = new ArrayList<>();
        for (int i = 0; i < kills.size(); i++) {
            SchedulerTraffic kill = kills.get(i);
            String oldTask = kill.taskIds().get(0);
            String pod = pod(oldTask);
            Instant killed = first(traffic, t -> t.kind() == SchedulerTraffic.Kind.UPDATE && t.taskIds().contains(oldTask)
                    && t.status().map(s -> terminal(s.getState())).orElse(false)).orElseThrow();
            SchedulerTraffic launch = traffic.stream().filter(t -> t.kind() == SchedulerTraffic.Kind.LAUNCH
                    && !t.at().isBefore(killed) && t.taskIds().stream().anyMatch(id -> pod(id).equals(pod)))
                    .findFirst().orElseThrow();
            String newTask = launch.taskIds().stream().filter(id -> pod(id).equals(pod)).findFirst().orElseThrow();
            Instant running = first(traffic, t -> t.kind() == SchedulerTraffic.Kind.UPDATE && t.taskIds().contains(newTask)
                    && t.status().map(s -> s.getState() == TaskState.TASK_RUNNING).orElse(false)).orElseThrow();
            Instant ready = first(traffic, t -> t.kind() == SchedulerTraffic.Kind.UPDATE && t.taskIds().contains(newTask)
                    && t.status().map(s -> s.getLabels().getLabelsList().stream().anyMatch(RollingUpdateTimingBench::passed))
                    .orElse(false)).orElseThrow();
            boolean last = i + 1 == kills.size();
            // the last node's step is complete once it is ready: no gate follows it
            Instant healthy = last ? ready : health.stream().filter(h -> h.healthy() && !h.at().isBefore(ready))
                    .map(Health::at).findFirst().orElseThrow(() -> new IllegalStateException(
                            "the cluster was never seen healthy after " + pod + " was ready"));
            Instant next = last ? complete : kills.get(i + 1).at();
            out.add(new NodeTimes(pod, kill.at(), killed, launch.at(), running, ready, healthy, next, !last));
        }
        return out;
    }

    private static boolean passed(Label label) {
        return label.getKey().equals(StatusLabels.READINESS) && label.getValue().equals(StatusLabels.READINESS_PASSED);
    }

    private static boolean terminal(TaskState state) {
        return switch (state) {
            case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE -> true;
            default -> false;
        };
    }

    private static Optional<Instant> first(List<SchedulerTraffic> traffic, java.util.function.Predicate<SchedulerTraffic> p) {
        return traffic.stream().filter(p).map(SchedulerTraffic::at).min(Comparator.naturalOrder());
    }

    private static void print(int nodes, Duration settle, Instant begin, Instant complete, List<NodeTimes> times) {
        System.out.printf("rolling update of %d nodes (settle %d s): %.1f s from the scheduler restart to COMPLETE%n",
                nodes, settle.toSeconds(), ms(Duration.between(begin, complete)) / 1000.0);
        System.out.println("pod            drain   relaunch  start  readiness   gate  handoff   (ms)");
        Duration cockroach = Duration.ZERO;
        Duration overhead = Duration.ZERO;
        for (NodeTimes t : times) {
            System.out.printf("%-13s %6d %10d %6d %10d %6d %8d%n", t.pod(), ms(t.drain()), ms(t.relaunch()),
                    ms(t.start()), ms(t.readiness()), ms(t.gate()), ms(t.handoff(settle)));
            cockroach = cockroach.plus(t.drain()).plus(t.start()).plus(t.readiness()).plus(t.gate());
            overhead = overhead.plus(t.relaunch()).plus(t.handoff(settle));
        }
        Duration steps = times.isEmpty() ? Duration.ZERO : Duration.between(times.get(0).kill(), complete);
        System.out.printf("first KILL to COMPLETE: %.1f s = cockroach %.1f s (drain, start, readiness, gate)"
                        + " + settle %.1f s + scheduler overhead %.2f s (%.2f s per node)%n",
                ms(steps) / 1000.0, ms(cockroach) / 1000.0, ms(settle.multipliedBy(Math.max(0, times.size() - 1))) / 1000.0,
                ms(overhead) / 1000.0, times.isEmpty() ? 0 : ms(overhead) / 1000.0 / times.size());
        System.out.printf("from the restart to the first KILL (the new scheduler starting, reconciling, reading"
                + " the cluster's health): %.1f s%n", times.isEmpty() ? 0 : ms(Duration.between(begin, times.get(0).kill())) / 1000.0);
    }

    private static long ms(Duration d) {
        return d.toMillis();
    }
}
