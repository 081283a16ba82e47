package org.cockroachdb.mesos.scheduler.plan;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An operator's command on one plan ({@code POST /v1/plans/<plan>/<command>}). Phases and steps
 * are named by name or id, as the operator typed them; {@link PlanControl#apply} resolves them.
 */
public sealed interface PlanCommand {

    /** Set parameters (merged into the plan's), restart the plan if it is complete, and let it proceed. */
    record Start(Map<String, String> parameters) implements PlanCommand {
        public Start {
            parameters.forEach((name, value) -> Objects.requireNonNull(value, () -> "value of parameter " + name));
            parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
        }
    }

    /** Interrupt the plan and reset every step to PENDING. */
    record Stop() implements PlanCommand {
    }

    /** Pause the whole plan, or one phase of it. */
    record Interrupt(Optional<String> phase) implements PlanCommand {
        public Interrupt {
            Objects.requireNonNull(phase, "phase");
        }
    }

    /** Resume the whole plan, or one phase of it. */
    record Continue(Optional<String> phase) implements PlanCommand {
        public Continue {
            Objects.requireNonNull(phase, "phase");
        }
    }

    /** Show one step COMPLETE whatever its tasks do; both phase and step are required. */
    record ForceComplete(Optional<String> phase, Optional<String> step) implements PlanCommand {
        public ForceComplete {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(step, "step");
        }
    }

    /** Reset the plan, one phase, or one step to PENDING and let it proceed. */
    record Restart(Optional<String> phase, Optional<String> step) implements PlanCommand {
        public Restart {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(step, "step");
        }
    }
}
