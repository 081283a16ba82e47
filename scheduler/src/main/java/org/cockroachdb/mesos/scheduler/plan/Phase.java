package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;
import java.util.Objects;

/** A group of steps that proceed by one strategy. */
public record Phase(String id, String name, Strategy strategy, List<Step> steps) {

    public Phase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        steps = List.copyOf(steps);
    }

    /** Derived from the steps alone, so it can never disagree with them. */
    public Status status() {
        return StatusAggregation.of(steps, List.of(), false);
    }
}
