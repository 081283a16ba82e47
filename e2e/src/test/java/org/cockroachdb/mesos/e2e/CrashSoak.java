package org.cockroachdb.mesos.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soak runner for the crash trials: one cluster, {@code -Dtrials=N} (default 20) seeded
 * trials of {@code -Dkind=update} ({@link UpdateCrashTrials}, the default) or {@code -Dkind=replace}
 * ({@link ReplaceCrashTrials}), each one's outcome printed, and a summary. Exits 1 when a trial did
 * not converge (its seed and number say how to replay it), 2 on a bad argument.
 *
 * <pre>mvn -B -q -Pcrash-soak -pl e2e -am verify -DskipTests -Dkind=replace -Dtrials=20 -Dseed=1</pre>
 */
public final class CrashSoak {
    private CrashSoak() {}

    /** A kind of trials: its cluster (agents, env) and how to make its trials. */
    private record Kind(String name, int agents, Map<String, String> env, Trials trials) {}

    @FunctionalInterface
    private interface Trials {
        CrashTrials of(E2eCluster cluster, int nodes, long seed);
    }

    public static void main(String[] args) throws Exception {
        int trials = Integer.getInteger("trials", 20);
        long seed = Long.getLong("seed", 1L);
        String kindName = System.getProperty("kind", "update");
        Kind kind = switch (kindName) {
            case "update" -> new Kind("update", 3, UpdateCrashTrials.env(), UpdateCrashTrials::new);
            case "replace" -> new Kind("replace", 5, ReplaceCrashTrials.env(), ReplaceCrashTrials::new);
            default -> null;
        };
        if (kind == null) {
            System.err.println("kind=" + kindName + " is invalid: expected update or replace");
            System.exit(2);
            return;
        }
        List<Duration> converge = new ArrayList<>();
        int failed = 0;
        E2eCluster cluster = E2eCluster.start("crash-soak-" + kind.name(), kind.agents(), 3, kind.env());
        try {
            cluster.awaitDeployComplete();
            CrashTrials run = kind.trials().of(cluster, 3, seed);
            run.prepare();
            for (int trial = 1; trial <= trials; trial++) {
                try {
                    CrashTrials.Outcome o = run.run(trial);
                    converge.add(o.converge());
                    System.out.printf("%s trial %2d: killed after %d changes, converged in %.1f s%n", kind.name(),
                            trial, o.killAfterChanges(), o.converge().toMillis() / 1000.0);
                } catch (AssertionError e) {
                    failed++;
                    System.out.printf("%s trial %2d (seed %d): DID NOT CONVERGE: %s%n", kind.name(), trial, seed,
                            e.getMessage().lines().findFirst().orElse(""));
                    break; // the cluster's state is unknown now; later trials would say nothing
                }
            }
        } finally {
            cluster.close();
        }
        converge.sort(null);
        System.out.printf("%s: %d of %d trials converged (no duplicate task, no leaked reservation or volume, no second"
                        + " bootstrap, data kept); converge time median %.1f s, max %.1f s%n", kind.name(),
                converge.size(), trials, converge.isEmpty() ? 0 : converge.get(converge.size() / 2).toMillis() / 1000.0,
                converge.isEmpty() ? 0 : converge.get(converge.size() - 1).toMillis() / 1000.0);
        System.exit(failed == 0 ? 0 : 1);
    }
}
