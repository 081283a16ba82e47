package org.cockroachdb.mesos.scheduler.uninstall;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.cockroachdb.mesos.scheduler.api.CommandReply;
import org.cockroachdb.mesos.scheduler.plan.CommandResult;
import org.cockroachdb.mesos.scheduler.plan.CommandStatus;
import org.cockroachdb.mesos.scheduler.plan.Phase;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;
import org.cockroachdb.mesos.scheduler.plan.PlanControl;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.StepRef;

/**
 * The operator's commands while the service is uninstalled. Only force-complete applies, to one
 * step or to a whole phase: it is how an uninstall stuck on an agent that vanished goes on. Every
 * other command would start or hold back work the service no longer does. Pure.
 */
final class UninstallCommands {

    static final String UNINSTALLING = "the service is being uninstalled";

    private UninstallCommands() {
    }

    /** The forced steps after the command, and the answer. */
    record Outcome(SortedSet<StepRef> forced, CommandReply reply) {}

    /** Every pod command: nothing is restarted or replaced any more. */
    static CommandReply pod() {
        return CommandReply.message(409, UNINSTALLING);
    }

    /** @param computed the plan as computed, without the forced steps */
    static Outcome plan(String planName, PlanCommand command, Plan computed, SortedSet<StepRef> forced) {
        if (!UninstallPlan.NAME.equals(planName)) {
            return new Outcome(forced, CommandReply.planNotFound(planName));
        }
        if (!(command instanceof PlanCommand.ForceComplete force)) {
            return new Outcome(forced, CommandReply.message(409, UNINSTALLING + "; only forceComplete applies to"
                    + " its " + UninstallPlan.NAME + " plan"));
        }
        PlanControl control = new PlanControl(false, new TreeSet<>(), forced, new TreeMap<>());
        if (force.phase().isEmpty() || force.step().isPresent()) {
            PlanControl.Outcome outcome = control.apply(force, computed);
            return new Outcome(outcome.control().forcedComplete(), CommandReply.of(outcome.result()));
        }
        Plan shown = PlanControl.render(computed, control);
        Optional<Phase> phase = shown.phases().stream().filter(p -> p.name().equals(force.phase().get())).findFirst()
                .or(() -> shown.phases().stream().filter(p -> p.id().equals(force.phase().get())).findFirst());
        if (phase.isEmpty()) {
            return new Outcome(forced, CommandReply.of(new CommandResult(CommandStatus.NOT_FOUND,
                    "Phase " + force.phase().get() + " not found")));
        }
        SortedSet<StepRef> more = new TreeSet<>(forced);
        phase.get().steps().stream().filter(s -> s.status() != Status.COMPLETE)
                .forEach(s -> more.add(new StepRef(phase.get().name(), s.name())));
        if (more.equals(forced)) {
            return new Outcome(forced, CommandReply.of(new CommandResult(CommandStatus.ALREADY,
                    CommandResult.ALREADY_MESSAGE)));
        }
        return new Outcome(more, CommandReply.of(new CommandResult(CommandStatus.OK,
                "Received cmd: forceComplete for Plan: " + shown.name() + ", Phase: " + phase.get().name())));
    }
}
