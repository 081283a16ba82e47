package org.cockroachdb.mesos.scheduler.cockroach;

import java.util.Objects;
import java.util.Optional;

/**
 * What one node's {@code /_status/vars} said, or why it said nothing.
 *
 * @param node  the pod name, e.g. {@code cockroachdb-1}
 * @param vars  the parsed gauges; empty when the node could not be read
 * @param error "" when read, else one line saying why not (e.g. "connection refused")
 */
public record NodeVars(String node, Optional<StatusVars> vars, String error) {

    public NodeVars {
        Objects.requireNonNull(node, "node");
        vars = vars == null ? Optional.empty() : vars;
        error = error == null ? "" : error;
    }

    public static NodeVars read(String node, StatusVars vars) {
        return new NodeVars(node, Optional.of(vars), "");
    }

    public static NodeVars unreachable(String node, String why) {
        return new NodeVars(node, Optional.empty(), why == null || why.isBlank() ? "no answer" : why);
    }
}
