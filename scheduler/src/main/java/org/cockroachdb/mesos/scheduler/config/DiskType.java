package org.cockroachdb.mesos.scheduler.config;

/** How a node's persistent volume is carved: from the agent's root disk, or a whole MOUNT disk. */
public enum DiskType {
    ROOT,
    MOUNT
}
