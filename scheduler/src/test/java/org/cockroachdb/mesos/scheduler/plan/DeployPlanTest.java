package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployPlanTest {

    private static final long TARGET = 2;

    private static ObservedTask running(int node, long revision, boolean ready) {
        DesiredNode n = DesiredNode.of(node);
        return new ObservedTask(n.taskName(), n.podName(), Optional.of("TASK_RUNNING"), revision, ready, "");
    }

    private static Plan plan(Map<String, ObservedTask> observed, Set<String> inFlight, Map<String, String> delayed,
                             List<String> errors) {
        return DeployPlan.of(DesiredNode.ofCount(3), TARGET, observed, inFlight, delayed, errors);
    }

    @Test
    void a_fresh_deploy_has_one_parallel_phase_with_a_pending_step_per_node() {
        Plan plan = plan(Map.of(), Set.of(), Map.of(), List.of());
        assertThat(plan.name()).isEqualTo("deploy");
        assertThat(plan.strategy()).isEqualTo(Strategy.PARALLEL);
        assertThat(plan.interrupted()).isFalse();
        assertThat(plan.phases()).singleElement().satisfies(phase -> {
            assertThat(phase.name()).isEqualTo("node-deploy");
            assertThat(phase.strategy()).isEqualTo(Strategy.PARALLEL);
            assertThat(phase.steps()).extracting(Step::name)
                    .containsExactly("cockroachdb-0:[node-init]", "cockroachdb-1:[node-join]", "cockroachdb-2:[node-join]");
            assertThat(phase.steps()).extracting(Step::podName)
                    .containsExactly("cockroachdb-0", "cockroachdb-1", "cockroachdb-2");
            assertThat(phase.steps()).extracting(Step::message).containsOnly("waiting for an offer that fits");
        });
        assertThat(plan.status()).isEqualTo(Status.PENDING);
        assertThat(plan.candidates()).hasSize(3);
    }

    @Test
    void steps_follow_what_is_observed_of_each_node() {
        Plan plan = plan(
                Map.of("cockroachdb-0-node-init", running(0, TARGET, true),
                        "cockroachdb-1-node-join", running(1, TARGET, false)),
                Set.of("cockroachdb-2-node-join"), Map.of(), List.of());
        assertThat(plan.steps()).extracting(Step::status).containsExactly(Status.COMPLETE, Status.STARTED, Status.STARTING);
        assertThat(plan.status()).isEqualTo(Status.IN_PROGRESS);
        assertThat(plan.candidates()).isEmpty();
    }

    @Test
    void a_failed_node_in_backoff_is_delayed_and_not_a_candidate() {
        DesiredNode n = DesiredNode.of(1);
        Plan plan = plan(
                Map.of(n.taskName(), new ObservedTask(n.taskName(), n.podName(), Optional.of("TASK_FAILED"), TARGET, false, "exit 1")),
                Set.of(), Map.of(n.taskName(), "relaunch in 20s (attempt 3)"), List.of());
        assertThat(plan.steps().get(1)).extracting(Step::status, Step::message)
                .containsExactly(Status.DELAYED, "relaunch in 20s (attempt 3)");
        assertThat(plan.candidates()).extracting(Step::name)
                .containsExactly("cockroachdb-0:[node-init]", "cockroachdb-2:[node-join]");
    }

    @Test
    void all_nodes_running_ready_on_target_completes_the_plan() {
        Plan plan = plan(Map.of(
                "cockroachdb-0-node-init", running(0, TARGET, true),
                "cockroachdb-1-node-join", running(1, TARGET, true),
                "cockroachdb-2-node-join", running(2, TARGET, true)), Set.of(), Map.of(), List.of());
        assertThat(plan.status()).isEqualTo(Status.COMPLETE);
        assertThat(plan.phases().get(0).status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void errors_make_the_plan_error_listing_them_and_offer_nothing() {
        Plan plan = plan(Map.of("cockroachdb-0-node-init", running(0, TARGET, true)), Set.of(), Map.of(),
                List.of("NODE_DISK: cannot change from 5000 to 6000 after install"));
        assertThat(plan.status()).isEqualTo(Status.ERROR);
        assertThat(plan.errors()).containsExactly("NODE_DISK: cannot change from 5000 to 6000 after install");
        assertThat(plan.candidates()).isEmpty();
        assertThat(plan.steps()).extracting(Step::status).containsExactly(Status.COMPLETE, Status.PENDING, Status.PENDING);
        assertThat(plan.steps().get(1).message()).isEqualTo("blocked by the plan's errors");
    }

    @Test
    void ids_are_stable_across_rebuilds_and_differ_between_steps() {
        Plan first = plan(Map.of(), Set.of(), Map.of(), List.of());
        Plan later = plan(Map.of("cockroachdb-0-node-init", running(0, TARGET, true)), Set.of("cockroachdb-1-node-join"),
                Map.of(), List.of());
        assertThat(later.steps()).extracting(Step::id).isEqualTo(first.steps().stream().map(Step::id).toList());
        assertThat(later.phases().get(0).id()).isEqualTo(first.phases().get(0).id());
        assertThat(first.steps()).extracting(Step::id).doesNotHaveDuplicates();
        assertThat(first.steps().get(0).id()).isEqualTo(
                java.util.UUID.nameUUIDFromBytes("deploy/node-deploy/cockroachdb-0:[node-init]"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
        assertThat(first.phases().get(0).id()).isEqualTo(PlanIds.phase("deploy", "node-deploy"));
    }

    @Test
    void a_larger_target_adds_steps_for_the_new_nodes_only() {
        Plan three = plan(Map.of(), Set.of(), Map.of(), List.of());
        Plan five = DeployPlan.of(DesiredNode.ofCount(5), TARGET, Map.of(), Set.of(), Map.of(), List.of());
        assertThat(five.steps().subList(0, 3)).isEqualTo(three.steps());
        assertThat(five.steps()).extracting(Step::name).endsWith("cockroachdb-3:[node-join]", "cockroachdb-4:[node-join]");
    }
}
