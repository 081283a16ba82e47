package org.cockroachdb.mesos.testkit.cockroach.cluster;

/** A node's membership, as {@code node status --decommission} shows it from v20.2. */
public enum Membership {
    ACTIVE, DECOMMISSIONING, DECOMMISSIONED;

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
