package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecoveryPlanTest {

    private static final DesiredNode ONE = DesiredNode.of(1);

    private static ObservedTask task(String state, boolean ready, String message) {
        return new ObservedTask(ONE.taskName(), ONE.podName(), Optional.ofNullable(state), 3, ready, message);
    }

    private static RecoveryPlan.Input input(ObservedTask task) {
        return new RecoveryPlan.Input(ONE, task, false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static StepStatus step(RecoveryPlan.Input in) {
        return RecoveryPlan.step(in).orElseThrow();
    }

    @Test
    void nothingRecoveringIsAnEmptyCompletePlan() {
        Plan plan = RecoveryPlan.of(List.of(input(task("TASK_RUNNING", true, ""))));
        assertThat(plan.name()).isEqualTo("recovery");
        assertThat(plan.phases()).isEmpty();
        assertThat(plan.status()).isEqualTo(Status.COMPLETE);
        assertThat(RecoveryPlan.of(List.of()).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void aFailedPodIsOnePhaseNamedAfterItWithItsDeployStepName() {
        Plan plan = RecoveryPlan.of(List.of(new RecoveryPlan.Input(ONE, task("TASK_FAILED", false, "exit 1"), false,
                Optional.of("relaunch in 20s (failure 4 in a row)"), Optional.empty(), Optional.empty())));
        assertThat(plan.phases()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("cockroachdb-1");
            assertThat(p.id()).isEqualTo(PlanIds.phase("recovery", "cockroachdb-1"));
        });
        assertThat(plan.steps()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("cockroachdb-1:[node-join]");
            assertThat(s.status()).isEqualTo(Status.DELAYED);
            assertThat(s.message()).isEqualTo("relaunch in 20s (failure 4 in a row)");
            assertThat(s.podName()).isEqualTo("cockroachdb-1");
        });
        assertThat(plan.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(plan.candidates()).isEmpty();
    }

    @Test
    void aFailedPodNotHeldBackIsPendingAndACandidate() {
        StepStatus status = step(input(task("TASK_FAILED", false, "exit 1")));
        assertThat(status).isEqualTo(new StepStatus(Status.PENDING, "TASK_FAILED: exit 1; relaunch waiting for an offer"));
        assertThat(RecoveryPlan.of(List.of(input(task("TASK_KILLED", false, "")))).candidates()).hasSize(1);
    }

    @Test
    void aRelaunchUnderWayIsStartingThenStartedUntilReady() {
        assertThat(step(new RecoveryPlan.Input(ONE, task("TASK_FAILED", false, ""), true, Optional.empty(),
                Optional.empty(), Optional.empty())).status()).isEqualTo(Status.STARTING);
        assertThat(step(input(task(null, false, ""))).status()).isEqualTo(Status.STARTING);
        assertThat(step(input(task("TASK_STAGING", false, ""))).status()).isEqualTo(Status.STARTING);
        assertThat(step(input(task("TASK_KILLING", false, ""))).status()).isEqualTo(Status.STARTING);
        assertThat(step(input(task("TASK_RUNNING", false, "")))).isEqualTo(
                new StepStatus(Status.STARTED, "running, waiting for readiness"));
    }

    @Test
    void aLostAgentWaitsWithTheReasonEvenWhenTheBackoffWouldDelay() {
        StepStatus status = step(new RecoveryPlan.Input(ONE, task("TASK_UNREACHABLE", true, ""), false,
                Optional.of("relaunch in 5s (failure 2 in a row)"),
                Optional.of("waiting for agent a3 (unreachable since 2026-01-01T00:00:00Z); waiting; `pod replace` to"
                        + " move it"), Optional.empty()));
        assertThat(status.status()).isEqualTo(Status.PENDING);
        assertThat(status.message()).startsWith("waiting for agent a3 (unreachable since");
    }

    @Test
    void aReplaceSaysSoInFrontOfWhatItWaitsFor() {
        StepStatus status = step(new RecoveryPlan.Input(ONE, task("TASK_GONE_BY_OPERATOR", false, ""), false,
                Optional.empty(), Optional.empty(), Optional.of("replacing: agent gone, leaving agent a3")));
        assertThat(status.status()).isEqualTo(Status.PENDING);
        assertThat(status.message()).isEqualTo("replacing: agent gone, leaving agent a3; TASK_GONE_BY_OPERATOR;"
                + " relaunch waiting for an offer");
    }

    @Test
    void theDeployPlanKeepsARecoveringPodComplete() {
        DesiredNode zero = DesiredNode.of(0);
        Plan deploy = DeployPlan.of(List.of(zero, ONE), 3, Map.of(
                zero.taskName(), new ObservedTask(zero.taskName(), zero.podName(), Optional.of("TASK_RUNNING"), 3, true, ""),
                ONE.taskName(), task("TASK_FAILED", false, "")), Set.of(),
                Map.of(ONE.taskName(), "relaunch in 20s (failure 4 in a row)"), List.of());
        assertThat(deploy.status()).isEqualTo(Status.IN_PROGRESS);

        Plan kept = RecoveryPlan.keepDeployed(deploy, Set.of(ONE.podName()));
        assertThat(kept.status()).isEqualTo(Status.COMPLETE);
        assertThat(kept.steps()).extracting(Step::message).containsExactly(deploy.steps().get(0).message(),
                "deployed; recovering (see the recovery plan)");
        assertThat(kept.steps()).extracting(Step::id).isEqualTo(deploy.steps().stream().map(Step::id).toList());
        assertThat(kept.candidates()).isEmpty();
        assertThat(RecoveryPlan.keepDeployed(deploy, Set.of())).isEqualTo(deploy);
    }
}
