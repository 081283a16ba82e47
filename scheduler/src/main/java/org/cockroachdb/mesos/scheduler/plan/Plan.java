package org.cockroachdb.mesos.scheduler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plan → phases → steps, rebuilt from desired and observed state after every event (plans are not
 * persisted). {@code errors} are reasons the plan cannot proceed, e.g. an invalid new target
 * configuration; {@code interrupted} is the operator's pause.
 */
public record Plan(String name, Strategy strategy, List<Phase> phases, List<String> errors, boolean interrupted) {

    public Plan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        phases = List.copyOf(phases);
        errors = List.copyOf(errors);
    }

    /**
     * ERROR if there are errors or any step is in ERROR; COMPLETE if every step is; WAITING if
     * interrupted; IN_PROGRESS once any step has left PENDING; PENDING otherwise. Computed from the
     * steps, not from phase statuses, so plan and steps always tell the same story.
     */
    public Status status() {
        return StatusAggregation.of(steps(), errors, interrupted);
    }

    /** Every step, phase by phase. */
    public List<Step> steps() {
        List<Step> all = new ArrayList<>();
        phases.forEach(p -> all.addAll(p.steps()));
        return List.copyOf(all);
    }

    /**
     * The steps that may start work now. None while interrupted or with errors. The strategy
     * applies at both levels: a serial plan only offers its first incomplete phase; within a
     * phase, parallel offers every PENDING step and serial only the first incomplete step, and
     * only if that one is PENDING (a serial rollout waits while its current step is starting,
     * delayed or failed).
     */
    public List<Step> candidates() {
        if (interrupted || !errors.isEmpty()) {
            return List.of();
        }
        List<Step> out = new ArrayList<>();
        for (Phase phase : phases) {
            if (phase.status() == Status.COMPLETE) {
                continue;
            }
            out.addAll(candidates(phase.strategy(), phase.steps()));
            if (strategy == Strategy.SERIAL) {
                break;
            }
        }
        return List.copyOf(out);
    }

    private static List<Step> candidates(Strategy strategy, List<Step> steps) {
        if (strategy == Strategy.PARALLEL) {
            return steps.stream().filter(s -> s.status() == Status.PENDING).toList();
        }
        return steps.stream()
                .filter(s -> s.status() != Status.COMPLETE)
                .findFirst()
                .filter(s -> s.status() == Status.PENDING)
                .map(List::of)
                .orElse(List.of());
    }
}
