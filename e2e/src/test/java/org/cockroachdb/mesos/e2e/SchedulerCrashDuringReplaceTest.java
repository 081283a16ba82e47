package org.cockroachdb.mesos.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler SIGKILLed at a random moment of a {@code pod replace}, three times on 3 nodes and 5
 * agents: each time the new scheduler converges (see {@link ReplaceCrashTrials}). The moment is
 * chosen from a fixed seed, so a failure can be replayed. {@link CrashSoak} runs 20 and more.
 */
class SchedulerCrashDuringReplaceTest {
    private static final long SEED = 20261122L;
    private static final int TRIALS = 3;
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("crash-during-replace", 5, 3, ReplaceCrashTrials.env());
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSchedulerKilledMidReplaceAlwaysConverges() throws Exception {
        ReplaceCrashTrials trials = new ReplaceCrashTrials(cluster, 3, SEED);
        trials.prepare();
        for (int trial = 1; trial <= TRIALS; trial++) {
            trials.run(trial);
        }
    }
}
