package org.cockroachdb.mesos.testkit.cockroach.cluster;

import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster's replicated state, which the stand-in keeps in one file its nodes share: identity,
 * members, cluster settings, and when the last membership change happened (ranges take a while to
 * settle after one).
 */
public record ClusterState(
        String clusterId,
        long createdAt,
        int nextNodeId,
        Map<Integer, NodeRecord> nodes,
        Map<String, String> settings,
        long lastMembershipChangeAt,
        boolean singleNode) {

    public ClusterState {
        nodes = new TreeMap<>(nodes);
        settings = new TreeMap<>(settings);
    }

    public static ClusterState bootstrap(String clusterId, long now, boolean singleNode) {
        return new ClusterState(clusterId, now, 1, Map.of(), Map.of(), now, singleNode);
    }

    public ClusterState withNode(NodeRecord node) {
        Map<Integer, NodeRecord> next = new TreeMap<>(nodes);
        next.put(node.id(), node);
        return new ClusterState(clusterId, createdAt, Math.max(nextNodeId, node.id() + 1), next, settings,
                lastMembershipChangeAt, singleNode);
    }

    /** The same, noting that membership changed now (a node joined, came back, or left). */
    public ClusterState membershipChanged(long now) {
        return new ClusterState(clusterId, createdAt, nextNodeId, nodes, settings, now, singleNode);
    }

    public ClusterState withSetting(String name, String value) {
        Map<String, String> next = new TreeMap<>(settings);
        if (value == null) {
            next.remove(name);
        } else {
            next.put(name, value);
        }
        return new ClusterState(clusterId, createdAt, nextNodeId, nodes, next, lastMembershipChangeAt, singleNode);
    }
}
