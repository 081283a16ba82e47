package org.cockroachdb.mesos.scheduler.state;

/** Why a scheduler stopped being the leader; either way it must stop acting and exit. */
public enum LeadershipLoss {
    /** The election says someone else leads now, or the connection was suspended. */
    REVOKED,
    /** The ZooKeeper session is gone, and with it the election node. */
    CONNECTION_LOST
}
