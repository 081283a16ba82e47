package org.cockroachdb.mesos.testkit.cockroach.cluster;

/**
 * One node as the cluster's replicated state records it: where it is, when it last heartbeat, and
 * its membership. Times are epoch milliseconds on the machine's clock, which every stand-in
 * process shares.
 */
public record NodeRecord(
        int id,
        String address,
        String sqlAddress,
        String httpAddress,
        String locality,
        String build,
        long startedAt,
        long heartbeatAt,
        boolean draining,
        Membership membership,
        long decommissionStartedAt,
        int replicasAtDecommissionStart) {

    public NodeRecord heartbeat(long now) {
        return new NodeRecord(id, address, sqlAddress, httpAddress, locality, build, startedAt, now, draining, membership,
                decommissionStartedAt, replicasAtDecommissionStart);
    }

    public NodeRecord restarted(String addr, String sqlAddr, String httpAddr, String loc, String buildTag, long now) {
        return new NodeRecord(id, addr, sqlAddr, httpAddr, loc, buildTag, now, now, false, membership,
                decommissionStartedAt, replicasAtDecommissionStart);
    }

    public NodeRecord withDraining(boolean value) {
        return new NodeRecord(id, address, sqlAddress, httpAddress, locality, build, startedAt, heartbeatAt, value, membership,
                decommissionStartedAt, replicasAtDecommissionStart);
    }

    public NodeRecord decommissioning(long now, int replicas) {
        return new NodeRecord(id, address, sqlAddress, httpAddress, locality, build, startedAt, heartbeatAt, draining,
                Membership.DECOMMISSIONING, now, replicas);
    }

    public NodeRecord withMembership(Membership value) {
        return new NodeRecord(id, address, sqlAddress, httpAddress, locality, build, startedAt, heartbeatAt, draining, value,
                decommissionStartedAt, replicasAtDecommissionStart);
    }
}
