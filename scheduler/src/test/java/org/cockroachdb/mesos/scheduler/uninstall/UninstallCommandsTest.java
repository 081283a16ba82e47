package org.cockroachdb.mesos.scheduler.uninstall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apache.mesos.v1.Protos.TaskState;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;
import org.cockroachdb.mesos.scheduler.plan.StepRef;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallPlan.AgentReservations;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallPlan.Deregistration;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallPlan.Input;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallPlan.TaskToKill;
import org.junit.jupiter.api.Test;

class UninstallCommandsTest {

    private static final Plan PLAN = UninstallPlan.of(new Input(
            List.of(new TaskToKill("cockroachdb-0-node-init", "cockroachdb-0", Optional.of(TaskState.TASK_KILLED), true),
                    new TaskToKill("cockroachdb-1-node-join", "cockroachdb-1", Optional.of(TaskState.TASK_UNREACHABLE),
                            true)),
            List.of(new AgentReservations("agent-a", "host-a", Set.of("r1")),
                    new AgentReservations("agent-b", "host-b", Set.of("r2"))),
            Map.of("agent-a", Set.of("r1")), false, Deregistration.PENDING));

    private static UninstallCommands.Outcome run(PlanCommand command) {
        return UninstallCommands.plan("deploy", command, PLAN, new TreeSet<>());
    }

    private static PlanCommand.ForceComplete force(String phase, String step) {
        return new PlanCommand.ForceComplete(Optional.ofNullable(phase), Optional.ofNullable(step));
    }

    @Test
    void forceCompletingAStepAddsItToTheForcedSteps() {
        UninstallCommands.Outcome outcome = run(force("kill-tasks", "cockroachdb-1-node-join"));

        assertThat(outcome.reply().status()).isEqualTo(200);
        assertThat(outcome.reply().json()).contains("forceComplete for Plan: deploy, Phase: kill-tasks");
        assertThat(outcome.forced()).containsExactly(new StepRef("kill-tasks", "cockroachdb-1-node-join"));
    }

    @Test
    void forceCompletingAPhaseForcesEachOfItsIncompleteSteps() {
        UninstallCommands.Outcome outcome = run(force("unreserve-resources", null));

        assertThat(outcome.reply().status()).isEqualTo(200);
        assertThat(outcome.reply().json()).contains("Phase: unreserve-resources");
        assertThat(outcome.forced()).containsExactly(new StepRef("unreserve-resources", "agent-b"));
    }

    @Test
    void aPhaseOrStepThatIsCompleteAlreadyIsReported() {
        SortedSet<StepRef> forced = new TreeSet<>(Set.of(new StepRef("unreserve-resources", "agent-b")));

        assertThat(UninstallCommands.plan("deploy", force("unreserve-resources", null), PLAN, forced).reply().status())
                .isEqualTo(208);
        assertThat(run(force("kill-tasks", "cockroachdb-0-node-init")).reply().status()).isEqualTo(208);
    }

    @Test
    void badTargetsAreRefusedNamingWhatIsWrong() {
        assertThat(run(force(null, null)).reply()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json()).contains("Missing phase");
        });
        assertThat(run(force("no-such-phase", null)).reply().status()).isEqualTo(404);
        assertThat(run(force("kill-tasks", "no-such-step")).reply().status()).isEqualTo(404);
        assertThat(UninstallCommands.plan("update", force("kill-tasks", null), PLAN, new TreeSet<>()).reply().status())
                .isEqualTo(404);
    }

    @Test
    void everyOtherCommandAndEveryPodCommandIsAConflict() {
        UninstallCommands.Outcome interrupt = run(new PlanCommand.Interrupt(Optional.empty()));

        assertThat(interrupt.reply().status()).isEqualTo(409);
        assertThat(interrupt.reply().json()).contains("the service is being uninstalled");
        assertThat(interrupt.forced()).isEmpty();
        assertThat(run(new PlanCommand.Restart(Optional.empty(), Optional.empty())).reply().status()).isEqualTo(409);
        assertThat(UninstallCommands.pod().status()).isEqualTo(409);
        assertThat(UninstallCommands.pod().json()).contains("the service is being uninstalled");
    }
}
