package org.cockroachdb.mesos.local;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.cockroachdb.mesos.universe.OptionsRefused;

/**
 * {@code bin/local-cluster}: starts a {@link LocalCluster}, waits for the deploy plan to complete,
 * prints where to connect, and runs until Ctrl-C, which stops everything it started.
 */
public final class LocalMain {
    private static final Duration POLL = Duration.ofMillis(500);

    private LocalMain() {}

    public static void main(String[] args) throws Exception {
        LocalArgs a;
        try {
            a = LocalArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-cluster: " + e.getMessage());
            System.err.println(LocalArgs.USAGE);
            System.exit(2);
            return;
        }
        LocalCluster.Builder b = LocalCluster.builder().agents(a.agents()).nodes(a.nodes()).honour(System.getenv());
        a.workDir().ifPresent(b::workDir);
        a.options().ifPresent(b::options);
        if (a.keep()) {
            b.deleteWorkDir(false);
        }
        if (a.fast()) {
            b.fast();
        }
        LocalCluster cluster;
        try {
            cluster = b.start();
        } catch (OptionsRefused e) {
            System.err.println("local-cluster: " + e.getMessage());
            System.exit(2);
            return;
        }
        Thread hook = new Thread(() -> {
            System.err.println("local-cluster: stopping ...");
            cluster.close();
            System.err.println("local-cluster: stopped");
        }, "local-cluster-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        cluster.describe().forEach(l -> System.out.println("  " + l));
        System.out.flush();

        SchedulerApi api = new SchedulerApi(cluster.apiUri());
        if (!awaitDeploy(cluster, api)) {
            System.err.println("local-cluster: the scheduler exited with code " + cluster.schedulerProcess().exitValue()
                    + "; last lines of " + cluster.schedulerLog() + ":");
            System.err.println(cluster.schedulerLogTail(30));
            System.exit(1); // the hook closes the cluster
            return;
        }
        ApiReply endpoints = api.endpoints("pg");
        ConnectionHints.lines(ConnectionHints.addresses(endpoints.json()), cluster.cockroachBinary(),
                cluster.apiUri().toString()).forEach(System.out::println);
        System.out.flush();
        cluster.schedulerProcess().onExit().thenAccept(p -> System.err.println(
                "local-cluster: the scheduler exited with code " + p.exitValue() + "; see " + cluster.schedulerLog()));
        new CountDownLatch(1).await();
    }

    /** Polls the deploy plan until 200; false if the scheduler exits first. Reports each status change. */
    private static boolean awaitDeploy(LocalCluster cluster, SchedulerApi api) throws InterruptedException {
        String last = "";
        while (true) {
            if (!cluster.schedulerProcess().isAlive()) {
                return false;
            }
            String now;
            try {
                ApiReply plan = api.plan("deploy");
                if (plan.status() == 200) {
                    System.out.println("deploy plan: COMPLETE");
                    return true;
                }
                now = "deploy plan: HTTP " + plan.status() + " " + plan.json().path("status").asText("?")
                        + (plan.json().path("errors").isEmpty() ? "" : " errors: " + plan.json().path("errors"));
            } catch (java.io.UncheckedIOException e) {
                now = "waiting for the scheduler API at " + api.base();
            }
            if (!now.equals(last)) {
                System.out.println(now);
                System.out.flush();
                last = now;
            }
            Thread.sleep(POLL.toMillis()); // a poll interval, not a wait for a condition to hold
        }
    }
}
