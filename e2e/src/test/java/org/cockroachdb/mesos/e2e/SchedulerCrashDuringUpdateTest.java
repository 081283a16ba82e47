package org.cockroachdb.mesos.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduler SIGKILLed at a random moment of a rolling update, three times: each time the new
 * scheduler converges (see {@link UpdateCrashTrials}). The moment is chosen from a fixed seed, so
 * a failure can be replayed; it is the k-th change the API shows. {@link CrashSoak} runs 20 and more.
 */
class SchedulerCrashDuringUpdateTest {
    private static final long SEED = 20261121L;
    private static final int TRIALS = 3;
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("crash-during-update", 3, 3, UpdateCrashTrials.env());
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aSchedulerKilledMidUpdateAlwaysConverges() throws Exception {
        UpdateCrashTrials trials = new UpdateCrashTrials(cluster, 3, SEED);
        trials.prepare();
        for (int trial = 1; trial <= TRIALS; trial++) {
            trials.run(trial);
        }
    }
}
