package org.cockroachdb.mesos.scheduler.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plan → phases → steps, rebuilt from desired and observed state after every event (plans are not
 * persisted). {@code errors} are reasons the plan cannot proceed, e.g. an invalid new target
 * configuration; {@code interrupted} is the operator's pause of the whole plan (see
 * {@link PlanControl}, which applies the operator's overrides to a computed plan).
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
     * interrupted or held by interrupted phases; IN_PROGRESS once any step has left PENDING;
     * PENDING otherwise. Computed from the steps, not from phase statuses, so plan and steps
     * always tell the same story.
     */
    public Status status() {
        return StatusAggregation.of(steps(), errors, interrupted || heldByPausedPhases());
    }

    /**
     * Nothing can move until the operator continues a phase: the current phase of a serial plan,
     * or every incomplete phase of a parallel one, is interrupted.
     */
    private boolean heldByPausedPhases() {
        List<Phase> incomplete = phases.stream().filter(p -> p.status() != Status.COMPLETE).toList();
        if (incomplete.isEmpty()) {
            return false;
        }
        return strategy == Strategy.SERIAL ? incomplete.get(0).interrupted() : incomplete.stream().allMatch(Phase::interrupted);
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
     * delayed or failed). An interrupted phase offers nothing, and in a serial plan it holds back
     * the phases after it.
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
            if (!phase.interrupted()) {
                out.addAll(candidates(phase.strategy(), phase.steps()));
            }
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
