package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StepStatusTest {

    private static final long TARGET = 4;

    private static ObservedTask task(String state, long revision, boolean ready, String message) {
        return new ObservedTask("cockroachdb-1-node-join", "cockroachdb-1", Optional.ofNullable(state), revision, ready, message);
    }

    private static StepStatus of(ObservedTask task) {
        return StepStatus.of(Optional.of(task), false, TARGET, Optional.empty());
    }

    @Test
    void never_launched_and_not_in_flight_waits_for_an_offer() {
        assertThat(StepStatus.of(Optional.empty(), false, TARGET, Optional.empty()))
                .isEqualTo(new StepStatus(Status.PENDING, "waiting for an offer that fits"));
    }

    @Test
    void in_flight_is_starting_before_anything_is_heard() {
        assertThat(StepStatus.of(Optional.empty(), true, TARGET, Optional.empty()).status()).isEqualTo(Status.STARTING);
    }

    @Test
    void in_flight_wins_over_the_previous_run_it_replaces() {
        assertThat(StepStatus.of(Optional.of(task("TASK_FAILED", TARGET, false, "exited 1")), true, TARGET, Optional.empty()).status())
                .isEqualTo(Status.STARTING);
        assertThat(StepStatus.of(Optional.of(task("TASK_RUNNING", TARGET - 1, true, "")), true, TARGET, Optional.empty()).status())
                .isEqualTo(Status.STARTING);
    }

    @Test
    void launched_with_nothing_heard_yet_is_starting() {
        assertThat(of(task(null, TARGET, false, ""))).isEqualTo(new StepStatus(Status.STARTING, "launched, waiting for its first status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TASK_STAGING", "TASK_STARTING"})
    void staging_and_starting_are_starting(String state) {
        assertThat(of(task(state, TARGET, false, ""))).isEqualTo(new StepStatus(Status.STARTING, state + ", waiting for TASK_RUNNING"));
    }

    @Test
    void killing_is_starting() {
        assertThat(of(task("TASK_KILLING", TARGET, true, "")).status()).isEqualTo(Status.STARTING);
    }

    @Test
    void running_on_target_and_ready_is_complete() {
        assertThat(of(task("TASK_RUNNING", TARGET, true, ""))).isEqualTo(new StepStatus(Status.COMPLETE, "running revision 4, ready"));
    }

    @Test
    void running_without_readiness_is_started_not_complete() {
        assertThat(of(task("TASK_RUNNING", TARGET, false, "")))
                .isEqualTo(new StepStatus(Status.STARTED, "running, waiting for readiness"));
    }

    @Test
    void running_another_revision_is_pending_and_says_which() {
        assertThat(of(task("TASK_RUNNING", 3, true, ""))).isEqualTo(new StepStatus(Status.PENDING, "runs revision 3, target is 4"));
        assertThat(of(task("TASK_RUNNING", 5, true, ""))).as("launched for a later target that changed nothing it runs")
                .isEqualTo(new StepStatus(Status.COMPLETE, "running revision 5, ready"));
        assertThat(of(task("TASK_RUNNING", 3, false, "")).status()).isEqualTo(Status.PENDING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TASK_FAILED", "TASK_KILLED", "TASK_FINISHED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED",
            "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_UNREACHABLE", "TASK_UNKNOWN"})
    void terminal_or_lost_is_pending_with_the_last_message(String state) {
        assertThat(of(task(state, TARGET, true, "cockroach exited with 1")))
                .isEqualTo(new StepStatus(Status.PENDING, state + ": cockroach exited with 1"));
        assertThat(of(task(state, TARGET, true, ""))).isEqualTo(new StepStatus(Status.PENDING, state));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TASK_FAILED", "TASK_KILLED", "TASK_FINISHED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED",
            "TASK_GONE", "TASK_GONE_BY_OPERATOR", "TASK_UNREACHABLE", "TASK_UNKNOWN"})
    void terminal_or_lost_in_backoff_is_delayed_with_the_reason(String state) {
        assertThat(StepStatus.of(Optional.of(task(state, TARGET, false, "boom")), false, TARGET,
                Optional.of("relaunch in 20s (attempt 3)")))
                .isEqualTo(new StepStatus(Status.DELAYED, "relaunch in 20s (attempt 3)"));
    }

    @Test
    void a_backoff_does_not_hide_a_running_task() {
        assertThat(StepStatus.of(Optional.of(task("TASK_RUNNING", TARGET, true, "")), false, TARGET,
                Optional.of("relaunch in 20s (attempt 3)")).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void an_unknown_state_name_is_refused_with_the_task_and_what_is_accepted() {
        assertThatThrownBy(() -> task("RUNNING", TARGET, true, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state of task cockroachdb-1-node-join must be a Mesos TaskState name such as TASK_RUNNING, got 'RUNNING'");
    }

    @Test
    void every_mesos_task_state_is_known() {
        for (org.apache.mesos.v1.Protos.TaskState s : org.apache.mesos.v1.Protos.TaskState.values()) {
            assertThat(ObservedTask.TASK_STATES).contains(s.name());
        }
        assertThat(ObservedTask.TASK_STATES).hasSize(org.apache.mesos.v1.Protos.TaskState.values().length);
    }
}
