package org.cockroachdb.mesos.scheduler.plan;

import java.util.Locale;

/** How the children of a plan or phase may proceed: one at a time, or all at once. */
public enum Strategy {
    SERIAL,
    PARALLEL;

    /** The name the HTTP API and the CLI show: {@code serial}, {@code parallel}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
