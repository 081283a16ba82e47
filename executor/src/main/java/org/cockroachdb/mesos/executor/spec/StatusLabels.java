package org.cockroachdb.mesos.executor.spec;

/**
 * The labels on the executor's TASK_RUNNING updates, which the scheduler reads. Every update
 * carries all the labels known at that moment, so the latest status alone tells the whole story.
 */
public final class StatusLabels {
    /** {@link #READINESS_PENDING} until {@code /health?ready=1} first passes, then passed/failing on each change. */
    public static final String READINESS = "readiness";
    public static final String READINESS_PENDING = "pending";
    public static final String READINESS_PASSED = "passed";
    public static final String READINESS_FAILING = "failing";

    /** The node id cockroach printed at startup ({@code nodeID:}), once known. */
    public static final String NODE_ID = "node_id";

    /** Present with {@link #CLUSTER_INIT_DONE} once this executor's {@code cockroach init} succeeded (or found the cluster initialized). */
    public static final String CLUSTER_INIT = "cluster_init";
    public static final String CLUSTER_INIT_DONE = "done";

    /** A job's progress on its TASK_RUNNING updates: what it is doing ({@code dumping}, {@code restoring}, ...). */
    public static final String PHASE = "phase";
    /** A job's progress: bytes streamed so far in the current phase. */
    public static final String BYTES = "bytes";

    private StatusLabels() {}
}
