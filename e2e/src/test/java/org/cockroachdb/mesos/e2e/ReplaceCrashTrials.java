package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.cockroachdb.mesos.local.ApiReply;

/**
 * Crash trials during a {@code pod replace}: each trial replaces the next pod (node 0 too, which
 * must join, not bootstrap) and must end with that pod on another agent under a new node id, its
 * old node id decommissioned, and the other nodes' ids unchanged (no second bootstrap).
 */
final class ReplaceCrashTrials extends CrashTrials {
    private String pod;
    private String task;
    private String oldAgent;
    private long oldNode;
    private Map<String, Long> othersBefore;

    ReplaceCrashTrials(E2eCluster cluster, int nodes, long seed) {
        super(cluster, nodes, seed);
    }

    /** The env a cluster for these trials starts with: the defaults. */
    static Map<String, String> env() {
        return Map.of();
    }

    @Override
    Map<String, String> begin(int trial) throws Exception {
        int index = (trial - 1) % nodes;
        pod = "cockroachdb-" + index;
        task = pod + (index == 0 ? "-node-init" : "-node-join");
        TaskSnapshot before = cluster.api().tasksOf(pod).get(0);
        oldAgent = before.agentId();
        Map<String, Long> ids = nodeIds();
        oldNode = ids.remove(task);
        othersBefore = ids;
        ApiReply reply = cluster.api().post("/v1/pod/" + pod + "/replace");
        assertThat(reply.status()).as("trial %d: pod replace %s answered %s", trial, pod, reply.body()).isEqualTo(200);
        return env();
    }

    @Override
    boolean converged() {
        if (cluster.api().plan("deploy").status() != 200 || cluster.api().plan("recovery").status() != 200
                || cluster.api().plan("replace").status() != 200) {
            return false;
        }
        TaskSnapshot now = cluster.api().tasksOf(pod).get(0);
        return !now.agentId().equals(oldAgent) && "passed".equals(now.statusLabels().get("readiness"))
                && cluster.api().allTasks().stream().allMatch(TaskSnapshot::running);
    }

    @Override
    void check(int trial) throws Exception {
        Map<String, Long> after = new HashMap<>(nodeIds());
        long newNode = after.remove(task);
        assertThat(after).as("trial %d: the other nodes keep their ids (one cluster)", trial).isEqualTo(othersBefore);
        assertThat(newNode).as("trial %d: %s joined under a new node id", trial, pod).isNotEqualTo(oldNode);
        assertThat(NodeMembership.of(anyAddress(), oldNode)).as("trial %d: old node %d", trial, oldNode)
                .isEqualTo("decommissioned");
    }
}
