package org.cockroachdb.mesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cockroachdb.mesos.scheduler.plan.BackupPlan;
import org.cockroachdb.mesos.scheduler.plan.BackupRequest;
import org.cockroachdb.mesos.scheduler.plan.DeployPlan;
import org.cockroachdb.mesos.scheduler.plan.DesiredNode;
import org.cockroachdb.mesos.scheduler.plan.ObservedTask;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.StepStatus;
import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    private static int code(Plan... plans) {
        return ServiceHealth.code(Views.withPlans(Views.deploying(), plans));
    }

    private static Plan interrupted(Plan plan) {
        return new Plan(plan.name(), plan.strategy(), plan.phases(), plan.errors(), true);
    }

    private static Plan deployWithDelayedStep() {
        DesiredNode n = DesiredNode.of(0);
        return DeployPlan.of(List.of(n), 1,
                Map.of(n.taskName(), new ObservedTask(n.taskName(), n.podName(), Optional.of("TASK_FAILED"), 1, false, "")),
                Set.of(), Map.of(n.taskName(), "relaunch in 20s (attempt 3)"), List.of());
    }

    @Test
    void initializing_until_the_first_reconciliation_finished() {
        ServiceView v = Views.deploying();
        ServiceView initializing = new ServiceView(v.serviceName(), v.frameworkId(), List.of(Views.deployWithErrors()),
                v.pods(), v.endpoints(), v.targetConfigJson(), true);
        assertThat(ServiceHealth.code(initializing)).isEqualTo(318);
        assertThat(ServiceHealth.code(ServiceView.starting("cockroachdb"))).isEqualTo(318);
    }

    private static Plan job(BackupRequest.Kind kind, Status step) {
        return BackupPlan.of(kind, new StepStatus(step, "phase=dumping bytes=1"), false);
    }

    private static Plan neverStarted(BackupRequest.Kind kind) {
        return BackupPlan.of(kind, BackupPlan.notStarted(kind), true);
    }

    @Test
    void backup_and_restore_plans_never_started_failed_or_done_leave_a_running_service_at_200() {
        assertThat(code(Views.deployComplete(), neverStarted(BackupRequest.Kind.BACKUP),
                neverStarted(BackupRequest.Kind.RESTORE))).isEqualTo(200);
        assertThat(code(Views.deployComplete(), job(BackupRequest.Kind.BACKUP, Status.ERROR),
                job(BackupRequest.Kind.RESTORE, Status.COMPLETE))).isEqualTo(200);
    }

    @Test
    void a_running_backup_is_320_and_a_running_restore_321_once_nothing_else_needs_attention() {
        assertThat(code(Views.deployComplete(), job(BackupRequest.Kind.BACKUP, Status.STARTED),
                neverStarted(BackupRequest.Kind.RESTORE))).isEqualTo(320);
        assertThat(code(Views.deployComplete(), job(BackupRequest.Kind.BACKUP, Status.STARTING))).isEqualTo(320);
        assertThat(code(Views.deployComplete(), job(BackupRequest.Kind.RESTORE, Status.STARTED))).isEqualTo(321);
        assertThat(code(Views.deployInProgress(), job(BackupRequest.Kind.BACKUP, Status.STARTED))).isEqualTo(202);
    }

    @Test
    void running_when_every_plan_is_complete() {
        assertThat(code(Views.deployComplete(), Views.emptyRecovery())).isEqualTo(200);
    }

    @Test
    void deploy_errors_are_500_whatever_else_goes_on() {
        assertThat(code(Views.deployWithErrors(), Views.recovery(Status.STARTING))).isEqualTo(500);
    }

    @Test
    void deploying_while_the_deploy_plan_is_not_complete() {
        assertThat(code(Views.deployInProgress(), Views.emptyRecovery())).isEqualTo(202);
    }

    @Test
    void recovering_while_the_recovery_plan_is_not_complete() {
        assertThat(code(Views.deployComplete(), Views.recovery(Status.PENDING))).isEqualTo(203);
        assertThat(code(Views.deployInProgress(), Views.recovery(Status.PENDING))).isEqualTo(203);
    }

    @Test
    void recovering_in_progress_while_a_relaunch_is_under_way() {
        assertThat(code(Views.deployComplete(), Views.recovery(Status.STARTING))).isEqualTo(205);
        assertThat(code(Views.deployComplete(), Views.recovery(Status.STARTED))).isEqualTo(205);
    }

    @Test
    void a_deployed_node_in_a_crash_loop_is_recovering_not_delayed_nor_deploying() {
        assertThat(code(Views.deployComplete(), Views.recovery(Status.DELAYED))).isEqualTo(203);
    }

    @Test
    void waiting_for_the_operator_when_a_plan_is_paused() {
        assertThat(code(interrupted(Views.deployInProgress()), Views.recovery(Status.STARTING))).isEqualTo(207);
    }

    @Test
    void delayed_when_a_step_waits_out_a_backoff() {
        assertThat(code(deployWithDelayedStep(), Views.emptyRecovery())).isEqualTo(208);
        assertThat(code(interrupted(deployWithDelayedStep()))).isEqualTo(208);
    }
}
