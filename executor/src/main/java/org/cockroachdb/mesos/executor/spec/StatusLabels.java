package org.cockroachdb.mesos.executor.spec;
public final class StatusLabels {
    public static final String READINESS = "readiness";
    public static final String READINESS_PASSED = "passed";
    public static final String NODE_ID = "node_id";
    public static final String CLUSTER_INIT = "cluster_init";
    public static final String CLUSTER_INIT_DONE = "done";
    private StatusLabels() {}
}
