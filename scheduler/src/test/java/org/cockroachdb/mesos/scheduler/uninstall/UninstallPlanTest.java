package org.cockroachdb.mesos.scheduler.uninstall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.mesos.v1.Protos.TaskState;
import org.cockroachdb.mesos.scheduler.plan.Phase;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.plan.Strategy;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallPlan.AgentReservations;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallPlan.Deregistration;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallPlan.Input;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallPlan.TaskToKill;
import org.junit.jupiter.api.Test;

class UninstallPlanTest {

    private static final AgentReservations AGENT_A = new AgentReservations("agent-a", "host-a", Set.of("r1", "r2", "r3"));
    private static final AgentReservations AGENT_B = new AgentReservations("agent-b", "host-b", Set.of("r4"));

    private static TaskToKill task(String name, TaskState state, boolean killSent) {
        return new TaskToKill(name, name.replaceAll("-node-.*", ""), Optional.ofNullable(state), killSent);
    }

    private static Plan plan(List<TaskToKill> tasks, Map<String, Set<String>> released, Deregistration deregistration) {
        return UninstallPlan.of(new Input(tasks, List.of(AGENT_A, AGENT_B), released, false, deregistration));
    }

    private static Step step(Plan plan, String phase, String name) {
        return plan.phases().stream().filter(p -> p.name().equals(phase)).flatMap(p -> p.steps().stream())
                .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void isTheDeployPlanWithThreeSerialPhases() {
        Plan plan = plan(List.of(task("cockroachdb-0-node-init", TaskState.TASK_RUNNING, false)), Map.of(),
                Deregistration.PENDING);

        assertThat(plan.name()).isEqualTo("deploy");
        assertThat(plan.strategy()).isEqualTo(Strategy.SERIAL);
        assertThat(plan.phases()).extracting(Phase::name)
                .containsExactly("kill-tasks", "unreserve-resources", "deregister-service");
        assertThat(plan.phases().get(1).steps()).extracting(Step::name).containsExactly("agent-a", "agent-b");
        assertThat(plan.status()).isEqualTo(Status.PENDING);
    }

    @Test
    void aKillStepIsCompleteOnceItsTaskEndedOrMesosNoLongerKnowsIt() {
        Plan plan = plan(List.of(
                task("cockroachdb-0-node-init", TaskState.TASK_RUNNING, false),
                task("cockroachdb-1-node-join", TaskState.TASK_RUNNING, true),
                task("cockroachdb-2-node-join", TaskState.TASK_KILLED, true),
                task("cockroachdb-3-node-join", TaskState.TASK_UNKNOWN, false),
                task("cockroachdb-4-node-join", TaskState.TASK_GONE_BY_OPERATOR, false),
                task("cockroachdb-5-node-join", null, false)), Map.of(), Deregistration.PENDING);

        assertThat(step(plan, "kill-tasks", "cockroachdb-0-node-init").status()).isEqualTo(Status.PENDING);
        assertThat(step(plan, "kill-tasks", "cockroachdb-1-node-join").status()).isEqualTo(Status.STARTING);
        assertThat(step(plan, "kill-tasks", "cockroachdb-2-node-join"))
                .extracting(Step::status, Step::message).containsExactly(Status.COMPLETE, "TASK_KILLED");
        assertThat(step(plan, "kill-tasks", "cockroachdb-3-node-join").status()).isEqualTo(Status.COMPLETE);
        assertThat(step(plan, "kill-tasks", "cockroachdb-4-node-join").status()).isEqualTo(Status.COMPLETE);
        assertThat(step(plan, "kill-tasks", "cockroachdb-5-node-join").status()).isEqualTo(Status.PENDING);
        assertThat(plan.candidates()).extracting(Step::name)
                .containsExactly("cockroachdb-0-node-init", "cockroachdb-5-node-join");
    }

    @Test
    void anUnreachableTaskWaitsAndSaysThatForceCompleteGoesOnWithoutIt() {
        Plan plan = plan(List.of(task("cockroachdb-0-node-init", TaskState.TASK_UNREACHABLE, true)), Map.of(),
                Deregistration.PENDING);

        Step step = step(plan, "kill-tasks", "cockroachdb-0-node-init");
        assertThat(step.status()).isEqualTo(Status.STARTING);
        assertThat(step.message()).startsWith("TASK_UNREACHABLE").contains("force-complete");
    }

    @Test
    void reservationsAreReleasedOnlyAfterEveryTaskIsOver() {
        Plan killing = plan(List.of(task("cockroachdb-0-node-init", TaskState.TASK_KILLING, true)), Map.of(),
                Deregistration.PENDING);
        Plan releasing = plan(List.of(task("cockroachdb-0-node-init", TaskState.TASK_KILLED, true)), Map.of(),
                Deregistration.PENDING);

        assertThat(UninstallPlan.phaseComplete(killing, UninstallPlan.KILL_PHASE)).isFalse();
        assertThat(killing.candidates()).extracting(Step::name).isEmpty();
        assertThat(UninstallPlan.phaseComplete(releasing, UninstallPlan.KILL_PHASE)).isTrue();
        assertThat(releasing.candidates()).extracting(Step::name).containsExactly("agent-a", "agent-b");
        assertThat(releasing.status()).isEqualTo(Status.IN_PROGRESS);
    }

    @Test
    void anAgentsStepIsCompleteWhenEveryResourceIdOnItWasReleased() {
        List<TaskToKill> over = List.of(task("cockroachdb-0-node-init", TaskState.TASK_KILLED, true));

        Plan partly = plan(over, Map.of("agent-a", Set.of("r1", "r2"), "agent-b", Set.of("r1", "r2", "r3")),
                Deregistration.PENDING);
        Plan fully = plan(over, Map.of("agent-a", Set.of("r1", "r2", "r3")), Deregistration.PENDING);

        assertThat(step(partly, "unreserve-resources", "agent-a").status()).isEqualTo(Status.STARTING);
        assertThat(step(partly, "unreserve-resources", "agent-a").message()).contains("host-a", "1 of 3");
        assertThat(step(partly, "unreserve-resources", "agent-b").status())
                .as("ids released elsewhere do not count").isEqualTo(Status.PENDING);
        assertThat(step(fully, "unreserve-resources", "agent-a").status()).isEqualTo(Status.COMPLETE);
        assertThat(UninstallPlan.phaseComplete(fully, UninstallPlan.UNRESERVE_PHASE)).isFalse();
    }

    @Test
    void thePlanIsCompleteOnlyOnceTheFrameworkIsTornDown() {
        List<TaskToKill> over = List.of(task("cockroachdb-0-node-init", TaskState.TASK_KILLED, true));
        Map<String, Set<String>> released = Map.of("agent-a", Set.of("r1", "r2", "r3"), "agent-b", Set.of("r4"));

        Plan ready = plan(over, released, Deregistration.PENDING);
        Plan deleted = plan(over, released, Deregistration.STATE_DELETED);
        Plan done = plan(over, released, Deregistration.TORN_DOWN);

        assertThat(ready.candidates()).extracting(Step::name).containsExactly("deregister");
        assertThat(step(deleted, "deregister-service", "deregister").status()).isEqualTo(Status.STARTING);
        assertThat(deleted.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(done.status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void withNothingDeployedOnlyTheDeregistrationIsLeft() {
        Plan plan = UninstallPlan.of(new Input(List.of(), List.of(), Map.of(), false, Deregistration.PENDING));

        assertThat(plan.candidates()).extracting(Step::name).containsExactly("deregister");
        assertThat(UninstallPlan.completed().status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void whenMesosRemovedTheFrameworkItsTasksAreOverButItsReservationsNeedTheOperator() {
        Plan plan = UninstallPlan.of(new Input(List.of(task("cockroachdb-0-node-init", TaskState.TASK_RUNNING, false)),
                List.of(AGENT_A), Map.of(), true, Deregistration.PENDING));

        assertThat(step(plan, "kill-tasks", "cockroachdb-0-node-init").status()).isEqualTo(Status.COMPLETE);
        assertThat(step(plan, "unreserve-resources", "agent-a").message()).contains("operator", "force-complete");
    }

    @Test
    void stepIdsStayTheSameWhenThePlanIsRebuilt() {
        Plan one = plan(List.of(task("cockroachdb-0-node-init", TaskState.TASK_RUNNING, false)), Map.of(),
                Deregistration.PENDING);
        Plan two = plan(List.of(task("cockroachdb-0-node-init", TaskState.TASK_KILLED, true)), Map.of(),
                Deregistration.PENDING);

        assertThat(two.steps()).extracting(Step::id).isEqualTo(one.steps().stream().map(Step::id).toList());
    }
}
