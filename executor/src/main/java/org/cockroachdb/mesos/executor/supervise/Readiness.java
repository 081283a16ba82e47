package org.cockroachdb.mesos.executor.supervise;

import org.cockroachdb.mesos.executor.spec.StatusLabels;

/** The readiness check's state as the scheduler sees it; reported only when it changes. */
public enum Readiness {
    PENDING(StatusLabels.READINESS_PENDING),
    PASSED(StatusLabels.READINESS_PASSED),
    FAILING(StatusLabels.READINESS_FAILING);

    private final String label;

    Readiness(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Pending stays pending until the first pass; after that, every flip counts. */
    public Readiness after(boolean passed) {
        if (passed) {
            return PASSED;
        }
        return this == PENDING ? PENDING : FAILING;
    }
}
