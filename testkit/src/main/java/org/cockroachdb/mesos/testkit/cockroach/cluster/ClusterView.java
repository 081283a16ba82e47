package org.cockroachdb.mesos.testkit.cockroach.cluster;

import java.util.List;

/**
 * What the cluster looks like at one instant, derived purely from the shared state, the tuning
 * and the clock: who is live, whether there is quorum, how many ranges are under-replicated or
 * unavailable, and how far each decommission has got. Every node and every CLI command computes
 * the same answers from the same state, so no background process has to move anything.
 */
public final class ClusterView {
    private final ClusterState state;
    private final Tuning tuning;
    private final long now;

    public ClusterView(ClusterState state, Tuning tuning, long now) {
        this.state = state;
        this.tuning = tuning;
        this.now = now;
    }

    public ClusterState state() {
        return state;
    }

    public long now() {
        return now;
    }

    public boolean live(NodeRecord n) {
        return now - n.heartbeatAt() <= tuning.liveness().toMillis();
    }

    /** Nodes that hold or will hold data: everything not yet decommissioned. */
    public List<NodeRecord> members() {
        return state.nodes().values().stream().filter(n -> n.membership() != Membership.DECOMMISSIONED).toList();
    }

    public int liveNodes() {
        return (int) state.nodes().values().stream().filter(this::live).count();
    }

    private long liveMembers() {
        return members().stream().filter(this::live).count();
    }

    /** A majority of the members is live: ranges can reach consensus. */
    public boolean quorum() {
        List<NodeRecord> members = members();
        return !members.isEmpty() && liveMembers() * 2 > members.size();
    }

    public int replicationTarget() {
        return state.singleNode() ? 1 : Tuning.REPLICATION_FACTOR;
    }

    private long activeLive() {
        return state.nodes().values().stream().filter(n -> n.membership() == Membership.ACTIVE && live(n)).count();
    }

    /** Replicas can leave a decommissioning node only while enough other nodes remain to hold them. */
    public boolean replicasCanMove() {
        return activeLive() >= replicationTarget();
    }

    /** Replicas on an active node: each range has {@code min(target, active)} replicas spread evenly. */
    private int baselineReplicas() {
        long active = state.nodes().values().stream().filter(n -> n.membership() == Membership.ACTIVE).count();
        if (active == 0) {
            return 0;
        }
        return (int) Math.ceil((double) tuning.ranges() * Math.min(replicationTarget(), active) / active);
    }

    /** {@code gossiped_replicas}: falls towards 0 while a node decommissions, if the replicas can move. */
    public int replicas(NodeRecord n) {
        return switch (n.membership()) {
            case DECOMMISSIONED -> 0;
            case ACTIVE -> baselineReplicas();
            case DECOMMISSIONING -> {
                if (!replicasCanMove()) {
                    yield n.replicasAtDecommissionStart();
                }
                double seconds = (now - n.decommissionStartedAt()) / 1000.0;
                yield (int) Math.max(0, n.replicasAtDecommissionStart() - Math.floor(seconds * tuning.replicaMoveRate()));
            }
        };
    }

    public int replicasAtStartOfDecommission() {
        return baselineReplicas();
    }

    /** Ranges without all their replicas, cluster-wide. */
    public int underReplicated() {
        int ranges = tuning.ranges();
        List<NodeRecord> members = members();
        int target = replicationTarget();
        if (members.size() < target) {
            return ranges;
        }
        long dead = members.stream().filter(n -> !live(n)).filter(n -> !reReplicated(n)).count();
        int fromDead = dead == 0 ? 0 : (int) Math.min(ranges, Math.ceil((double) ranges * target * dead / members.size()));
        boolean settling = now - state.lastMembershipChangeAt() < tuning.settle().toMillis();
        int fromSettling = settling ? Math.max(1, ranges / 4) : 0;
        return Math.min(ranges, Math.max(fromDead, fromSettling));
    }

    /** A node dead longer than {@code time_until_store_dead} has had its replicas rebuilt elsewhere, if there was room. */
    private boolean reReplicated(NodeRecord n) {
        return now - n.heartbeatAt() > tuning.storeDead().toMillis() && liveMembers() >= replicationTarget();
    }

    public int unavailable() {
        return quorum() ? 0 : tuning.ranges();
    }

    /** This store's share of the cluster's under-replicated ranges (the shares add up to the total). */
    public int underReplicatedOn(int nodeId) {
        return shareOf(nodeId, underReplicated());
    }

    public int unavailableOn(int nodeId) {
        return shareOf(nodeId, unavailable());
    }

    private int shareOf(int nodeId, int total) {
        List<NodeRecord> live = state.nodes().values().stream().filter(this::live).toList();
        if (live.isEmpty() || total == 0) {
            return 0;
        }
        int index = -1;
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).id() == nodeId) {
                index = i;
            }
        }
        if (index < 0) {
            return 0;
        }
        return total / live.size() + (index < total % live.size() ? 1 : 0);
    }

    /** Why node {@code id} cannot serve SQL (or be "ready"), or null when it can. */
    public String notReadyReason(int id) {
        NodeRecord n = state.nodes().get(id);
        if (n == null) {
            return "node is not ready: not a member of the cluster";
        }
        if (n.membership() == Membership.DECOMMISSIONED) {
            return "node is decommissioned";
        }
        if (n.draining()) {
            return "node is shutting down";
        }
        if (n.membership() == Membership.DECOMMISSIONING) {
            return "node is decommissioning";
        }
        if (!quorum()) {
            return "node is not ready: cluster has lost quorum (" + liveMembers() + " of " + members().size()
                    + " nodes live)";
        }
        return null;
    }
}
