package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;
import java.util.Objects;

/**
 * A group of steps that proceed by one strategy. {@code interrupted} is the operator's pause of
 * this phase alone: its steps are offered to nobody until it is continued.
 */
public record Phase(String id, String name, Strategy strategy, List<Step> steps, boolean interrupted) {

    public Phase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        steps = List.copyOf(steps);
    }

    /** A phase that proceeds: plans are computed this way and paused only by {@link PlanControl#render}. */
    public Phase(String id, String name, Strategy strategy, List<Step> steps) {
        this(id, name, strategy, steps, false);
    }

    /** Derived from the steps alone (WAITING if interrupted and incomplete), so it can never disagree with them. */
    public Status status() {
        return StatusAggregation.of(steps, List.of(), interrupted);
    }
}
