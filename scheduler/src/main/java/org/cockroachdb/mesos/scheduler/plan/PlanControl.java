package org.cockroachdb.mesos.scheduler.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The operator's overrides for one plan. Plans are recomputed from desired and observed state
 * after every event, so what the operator said (pause, resume, force-complete, parameters) is
 * kept here, persisted by the event loop, and laid over each freshly computed plan by
 * {@link #render}. {@link #apply} decides a command against the plan as the operator sees it.
 *
 * @param interrupted       the whole plan is paused
 * @param interruptedPhases names of paused phases
 * @param forcedComplete    steps shown COMPLETE whatever their tasks do
 * @param parameters        environment for the plan's tasks, set by {@code start}
 */
public record PlanControl(boolean interrupted, SortedSet<String> interruptedPhases, SortedSet<StepRef> forcedComplete,
                          SortedMap<String, String> parameters) {

    static final String FORCED_MESSAGE = "forced complete by operator";

    public PlanControl {
        interruptedPhases = Collections.unmodifiableSortedSet(new TreeSet<>(interruptedPhases));
        forcedComplete = Collections.unmodifiableSortedSet(new TreeSet<>(forcedComplete));
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    /** No overrides: how {@code deploy}, {@code update} and {@code recovery} start. */
    public static PlanControl proceeding() {
        return new PlanControl(false, new TreeSet<>(), new TreeSet<>(), new TreeMap<>());
    }

    /** Paused until {@code start}: how on-demand plans such as {@code backup} and {@code restore} start. */
    public static PlanControl interruptedUntilStarted() {
        return proceeding().withInterrupted(true);
    }

    /**
     * The new control and what the command did.
     *
     * @param stepsToReset steps the caller must reset to PENDING (e.g. relaunch their tasks), in
     *                     plan order; only steps that are not already PENDING
     */
    public record Outcome(PlanControl control, CommandResult result, List<StepRef> stepsToReset) {

        public Outcome {
            Objects.requireNonNull(control, "control");
            Objects.requireNonNull(result, "result");
            stepsToReset = List.copyOf(stepsToReset);
        }

        /** True when the caller has steps to reset (stop, restart, start of a complete plan). */
        public boolean resetRequested() {
            return !stepsToReset.isEmpty();
        }
    }

    /**
     * Decides {@code command} against {@code plan} as the operator sees it (computed plan with
     * these overrides rendered; passing an already rendered plan gives the same answer). A
     * command that is refused or has nothing to do returns this control unchanged.
     */
    public Outcome apply(PlanCommand command, Plan plan) {
        Plan shown = render(plan, this);
        if (command instanceof PlanCommand.Start start) {
            return start(start.parameters(), shown);
        }
        if (command instanceof PlanCommand.Stop) {
            return stop(shown);
        }
        if (command instanceof PlanCommand.Interrupt interrupt) {
            return interrupt(interrupt.phase(), shown);
        }
        if (command instanceof PlanCommand.Continue resume) {
            return resume(resume.phase(), shown);
        }
        if (command instanceof PlanCommand.ForceComplete force) {
            return forceComplete(force.phase(), force.step(), shown);
        }
        if (command instanceof PlanCommand.Restart restart) {
            return restart(restart.phase(), restart.step(), shown);
        }
        throw new IllegalArgumentException("unknown plan command " + command);
    }

    /**
     * {@code computed} with these overrides: the plan's and phases' interrupted flags, and forced
     * steps shown COMPLETE. Overrides naming phases or steps the plan no longer has are ignored.
     * Idempotent: rendering a rendered plan again changes nothing.
     */
    public static Plan render(Plan computed, PlanControl control) {
        List<Phase> phases = computed.phases().stream().map(phase -> new Phase(phase.id(), phase.name(),
                phase.strategy(),
                phase.steps().stream().map(step -> forced(phase, step, control)).toList(),
                control.interruptedPhases().contains(phase.name()))).toList();
        return new Plan(computed.name(), computed.strategy(), phases, computed.errors(), control.interrupted());
    }

    private static Step forced(Phase phase, Step step, PlanControl control) {
        if (step.status() == Status.COMPLETE || !control.forcedComplete().contains(new StepRef(phase.name(), step.name()))) {
            return step;
        }
        return new Step(step.id(), step.name(), Status.COMPLETE, FORCED_MESSAGE, step.podName());
    }

    private Outcome start(Map<String, String> given, Plan shown) {
        Optional<String> problem = PlanParameters.problem(given);
        if (problem.isPresent()) {
            return unchanged(CommandResult.badRequest(problem.get()));
        }
        SortedMap<String, String> merged = new TreeMap<>(parameters);
        merged.putAll(given);
        boolean complete = allComplete(shown.steps());
        // Starting a complete plan runs it again (a second backup); otherwise it resumes where it was.
        List<StepRef> reset = complete ? notPending(shown, phase -> true) : List.of();
        PlanControl next = new PlanControl(false, interruptedPhases, complete ? new TreeSet<>() : forcedComplete, merged);
        return new Outcome(next, CommandResult.ok("start " + shown.name() + " with parameters: "
                + PlanParameters.shown(given)), reset);
    }

    private Outcome stop(Plan shown) {
        PlanControl next = new PlanControl(true, interruptedPhases, new TreeSet<>(), parameters);
        return new Outcome(next, CommandResult.ok("stop"), notPending(shown, phase -> true));
    }

    private Outcome interrupt(Optional<String> phaseName, Plan shown) {
        if (phaseName.isEmpty()) {
            if (interrupted || allComplete(shown.steps())) {
                return unchanged(CommandResult.already());
            }
            return new Outcome(withInterrupted(true), CommandResult.ok("interrupt"), List.of());
        }
        Optional<Phase> phase = phase(shown, phaseName.get());
        if (phase.isEmpty()) {
            return unchanged(CommandResult.notFound("Phase " + phaseName.get()));
        }
        if (phase.get().interrupted() || allComplete(phase.get().steps())) {
            return unchanged(CommandResult.already());
        }
        SortedSet<String> phases = new TreeSet<>(interruptedPhases);
        phases.add(phase.get().name());
        return new Outcome(new PlanControl(interrupted, phases, forcedComplete, parameters),
                CommandResult.ok("interrupt"), List.of());
    }

    private Outcome resume(Optional<String> phaseName, Plan shown) {
        if (phaseName.isEmpty()) {
            // a stopped plan stays interrupted even when its steps show COMPLETE (a running node is never
            // reset): continuing it must still lift the interruption, or a later restart never runs
            if (!interrupted) {
                return unchanged(CommandResult.already());
            }
            return new Outcome(withInterrupted(false), CommandResult.ok("continue"), List.of());
        }
        Optional<Phase> phase = phase(shown, phaseName.get());
        if (phase.isEmpty()) {
            return unchanged(CommandResult.notFound("Phase " + phaseName.get()));
        }
        if (!phase.get().interrupted()) {
            return unchanged(CommandResult.already());
        }
        return new Outcome(withoutPhaseInterrupted(phase.get().name()), CommandResult.ok("continue"), List.of());
    }

    private Outcome forceComplete(Optional<String> phaseName, Optional<String> stepName, Plan shown) {
        if (phaseName.isEmpty()) {
            return unchanged(CommandResult.badRequest("Missing phase"));
        }
        if (stepName.isEmpty()) {
            return unchanged(CommandResult.badRequest("Missing step"));
        }
        Optional<Phase> phase = phase(shown, phaseName.get());
        if (phase.isEmpty()) {
            return unchanged(CommandResult.notFound("Phase " + phaseName.get()));
        }
        Optional<Step> step = step(phase.get(), stepName.get());
        if (step.isEmpty()) {
            return unchanged(CommandResult.notFound("Step " + stepName.get()));
        }
        if (step.get().status() == Status.COMPLETE) {
            return unchanged(CommandResult.already());
        }
        SortedSet<StepRef> forced = new TreeSet<>(forcedComplete);
        forced.add(new StepRef(phase.get().name(), step.get().name()));
        return new Outcome(new PlanControl(interrupted, interruptedPhases, forced, parameters),
                CommandResult.ok(target("forceComplete", shown, phase.get(), step.get())), List.of());
    }

    private Outcome restart(Optional<String> phaseName, Optional<String> stepName, Plan shown) {
        if (phaseName.isEmpty()) {
            if (stepName.isPresent()) {
                return unchanged(CommandResult.badRequest("Missing phase"));
            }
            if (!interrupted && allPending(shown.steps())) {
                return unchanged(CommandResult.already());
            }
            List<StepRef> reset = notPending(shown, phase -> true);
            return new Outcome(new PlanControl(false, interruptedPhases, new TreeSet<>(), parameters),
                    CommandResult.ok(target("restart", shown, null, null)), reset);
        }
        Optional<Phase> phase = phase(shown, phaseName.get());
        if (phase.isEmpty()) {
            return unchanged(CommandResult.notFound("Phase " + phaseName.get()));
        }
        String name = phase.get().name();
        if (stepName.isEmpty()) {
            if (!phase.get().interrupted() && allPending(phase.get().steps())) {
                return unchanged(CommandResult.already());
            }
            PlanControl resumed = withoutPhaseInterrupted(name);
            SortedSet<StepRef> forced = new TreeSet<>(forcedComplete);
            forced.removeIf(ref -> ref.phase().equals(name));
            return new Outcome(new PlanControl(interrupted, resumed.interruptedPhases(), forced, parameters),
                    CommandResult.ok(target("restart", shown, phase.get(), null)),
                    notPending(shown, p -> p.name().equals(name)));
        }
        Optional<Step> step = step(phase.get(), stepName.get());
        if (step.isEmpty()) {
            return unchanged(CommandResult.notFound("Step " + stepName.get()));
        }
        if (step.get().status() == Status.PENDING) {
            return unchanged(CommandResult.already());
        }
        StepRef ref = new StepRef(name, step.get().name());
        SortedSet<StepRef> forced = new TreeSet<>(forcedComplete);
        forced.remove(ref);
        return new Outcome(new PlanControl(interrupted, interruptedPhases, forced, parameters),
                CommandResult.ok(target("restart", shown, phase.get(), step.get())), List.of(ref));
    }

    private Outcome unchanged(CommandResult result) {
        return new Outcome(this, result, List.of());
    }

    private PlanControl withInterrupted(boolean paused) {
        return new PlanControl(paused, interruptedPhases, forcedComplete, parameters);
    }

    private PlanControl withoutPhaseInterrupted(String phase) {
        SortedSet<String> phases = new TreeSet<>(interruptedPhases);
        phases.remove(phase);
        return new PlanControl(interrupted, phases, forcedComplete, parameters);
    }

    /** "restart for Plan: deploy, Phase: node-deploy, Step: cockroachdb-0:[node-init]", leaving out what was not named. */
    private static String target(String command, Plan plan, Phase phase, Step step) {
        StringBuilder out = new StringBuilder(command).append(" for Plan: ").append(plan.name());
        if (phase != null) {
            out.append(", Phase: ").append(phase.name());
        }
        if (step != null) {
            out.append(", Step: ").append(step.name());
        }
        return out.toString();
    }

    /** By name, or by id as the API shows it. */
    private static Optional<Phase> phase(Plan plan, String nameOrId) {
        return plan.phases().stream().filter(p -> p.name().equals(nameOrId)).findFirst()
                .or(() -> plan.phases().stream().filter(p -> p.id().equals(nameOrId)).findFirst());
    }

    private static Optional<Step> step(Phase phase, String nameOrId) {
        return phase.steps().stream().filter(s -> s.name().equals(nameOrId)).findFirst()
                .or(() -> phase.steps().stream().filter(s -> s.id().equals(nameOrId)).findFirst());
    }

    /** A plan or phase without steps has nothing left to do, so it counts as complete. */
    private static boolean allComplete(List<Step> steps) {
        return steps.stream().allMatch(s -> s.status() == Status.COMPLETE);
    }

    private static boolean allPending(List<Step> steps) {
        return steps.stream().allMatch(s -> s.status() == Status.PENDING);
    }

    private static List<StepRef> notPending(Plan plan, Predicate<Phase> which) {
        List<StepRef> out = new ArrayList<>();
        for (Phase phase : plan.phases()) {
            if (which.test(phase)) {
                phase.steps().stream().filter(s -> s.status() != Status.PENDING)
                        .forEach(s -> out.add(new StepRef(phase.name(), s.name())));
            }
        }
        return List.copyOf(out);
    }
}
