package org.cockroachdb.mesos.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak runner for the crash trials: one cluster, {@code -Dtrials=N} (default 20) seeded
 * trials of {@link UpdateCrashTrials}, each one's outcome printed, and a summary. Exits 1 when a
 * trial did not converge (its seed and number say how to replay it).
 *
 * <pre>mvn -B -q -Pcrash-soak -pl e2e -am verify -DskipTests -Dtrials=20 -Dseed=1</pre>
 */
public final class CrashSoak {
    private CrashSoak() {}

    public static void main(String[] args) throws Exception {
        int trials = Integer.getInteger("trials", 20);
        long seed = Long.getLong("seed", 1L);
        List<Duration> converge = new ArrayList<>();
        int failed = 0;
        E2eCluster cluster = E2eCluster.start("crash-soak", 3, 3, UpdateCrashTrials.env());
        try {
            cluster.awaitDeployComplete();
            UpdateCrashTrials run = new UpdateCrashTrials(cluster, 3, seed);
            run.prepare();
            for (int trial = 1; trial <= trials; trial++) {
                try {
                    UpdateCrashTrials.Outcome o = run.run(trial);
                    converge.add(o.converge());
                    System.out.printf("trial %2d: killed after %d changes, converged in %.1f s%n", trial,
                            o.killAfterChanges(), o.converge().toMillis() / 1000.0);
                } catch (AssertionError e) {
                    failed++;
                    System.out.printf("trial %2d (seed %d): DID NOT CONVERGE: %s%n", trial, seed,
                            e.getMessage().lines().findFirst().orElse(""));
                    break; // the cluster's state is unknown now; later trials would say nothing
                }
            }
        } finally {
            cluster.close();
        }
        converge.sort(null);
        System.out.printf("%d of %d trials converged (no duplicate task, no leaked reservation or volume, no second"
                        + " bootstrap, data kept); converge time median %.1f s, max %.1f s%n",
                converge.size(), trials, converge.isEmpty() ? 0 : converge.get(converge.size() / 2).toMillis() / 1000.0,
                converge.isEmpty() ? 0 : converge.get(converge.size() - 1).toMillis() / 1000.0);
        System.exit(failed == 0 ? 0 : 1);
    }
}
