package org.cockroachdb.mesos.scheduler.state;

import java.util.Objects;

/** One stored target configuration: its revision (1, 2, … in order of storing) and its JSON. */
public record ConfigRevision(long revision, String json) {

    public ConfigRevision {
        Objects.requireNonNull(json, "json");
        if (revision < 1) {
            throw new IllegalArgumentException("revisions start at 1: " + revision);
        }
    }
}
