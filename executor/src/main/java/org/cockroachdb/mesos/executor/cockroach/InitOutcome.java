package org.cockroachdb.mesos.executor.cockroach;

/** What one {@code cockroach init} run means for the task. */
public enum InitOutcome {
    /** This run bootstrapped the cluster. */
    INITIALIZED,
    /** The cluster existed already: as good as success, since init must happen once per cluster. */
    ALREADY_INITIALIZED,
    /** Anything else (node not listening yet, timeout): try again later. */
    FAILED;

    public static InitOutcome of(int exitCode, String output) {
        if (output != null && output.contains("already been initialized")) {
            return ALREADY_INITIALIZED;
        }
        return exitCode == 0 ? INITIALIZED : FAILED;
    }

    public boolean done() {
        return this != FAILED;
    }
}
