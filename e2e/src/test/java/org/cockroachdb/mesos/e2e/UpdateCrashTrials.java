package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Crash trials during a rolling update: each trial changes the nodes' CPUs (alternating two values,
 * so any number of trials keeps changing the target) and must end with every node on the new value,
 * on the same nodes of the one cluster (no second bootstrap).
 */
final class UpdateCrashTrials extends CrashTrials {
    private static final String SETTLE = "1";
    private Map<String, Long> nodeIds;
    private String cpus;

    UpdateCrashTrials(E2eCluster cluster, int nodes, long seed) {
        super(cluster, nodes, seed);
    }

    /** The env a cluster for these trials starts with. */
    static Map<String, String> env() {
        return Map.of("HEALTH_GATE_SETTLE_SECONDS", SETTLE);
    }

    @Override
    Map<String, String> begin(int trial) throws Exception {
        if (nodeIds == null) {
            nodeIds = nodeIds();
        }
        cpus = trial % 2 == 1 ? "0.6" : "0.5";
        Map<String, String> env = new HashMap<>(env());
        env.put("NODE_CPUS", cpus);
        assertThat(cluster.stopAndRestartScheduler(env)).isZero();
        return env;
    }

    @Override
    boolean converged() {
        List<Double> values = cluster.api().reservedCpus(nodes);
        return cluster.api().plan("deploy").status() == 200 && values.size() == nodes
                && values.stream().allMatch(v -> Math.abs(v - Double.parseDouble(cpus)) < 1e-9)
                && cluster.api().allTasks().stream().allMatch(TaskSnapshot::running);
    }

    @Override
    void check(int trial) throws Exception {
        assertThat(nodeIds()).as("trial %d: the same nodes of the one cluster", trial).isEqualTo(nodeIds);
    }
}
