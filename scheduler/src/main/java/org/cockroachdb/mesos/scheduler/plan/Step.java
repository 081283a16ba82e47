package org.cockroachdb.mesos.scheduler.plan;

import java.util.Objects;

/** One unit of work on one pod, e.g. {@code cockroachdb-0:[node-init]}. */
public record Step(String id, String name, Status status, String message, String podName) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(podName, "podName");
    }
}
