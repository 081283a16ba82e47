package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cockroachdb.mesos.scheduler.plan.Status.COMPLETE;
import static org.cockroachdb.mesos.scheduler.plan.Status.DELAYED;
import static org.cockroachdb.mesos.scheduler.plan.Status.ERROR;
import static org.cockroachdb.mesos.scheduler.plan.Status.IN_PROGRESS;
import static org.cockroachdb.mesos.scheduler.plan.Status.PENDING;
import static org.cockroachdb.mesos.scheduler.plan.Status.STARTED;
import static org.cockroachdb.mesos.scheduler.plan.Status.STARTING;
import static org.cockroachdb.mesos.scheduler.plan.Status.WAITING;
import static org.cockroachdb.mesos.scheduler.plan.Steps.step;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static Plan plan(Strategy strategy, List<String> errors, boolean interrupted, Phase... phases) {
        return new Plan("p", strategy, List.of(phases), errors, interrupted);
    }

    private static Plan plan(Strategy phaseStrategy, Status... statuses) {
        return plan(Strategy.SERIAL, List.of(), false, phase("a", phaseStrategy, statuses));
    }

    private static Phase phase(String name, Strategy strategy, Status... statuses) {
        List<Step> steps = new java.util.ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            steps.add(step(name + "-" + i, statuses[i]));
        }
        return new Phase(PlanIds.phase("p", name), name, strategy, steps);
    }

    private static List<String> names(List<Step> steps) {
        return steps.stream().map(Step::name).toList();
    }

    @Test
    void all_complete_is_complete() {
        assertThat(plan(Strategy.PARALLEL, COMPLETE, COMPLETE).status()).isEqualTo(COMPLETE);
    }

    @Test
    void all_pending_is_pending() {
        assertThat(plan(Strategy.PARALLEL, PENDING, PENDING).status()).isEqualTo(PENDING);
    }

    @Test
    void any_step_past_pending_is_in_progress() {
        assertThat(plan(Strategy.PARALLEL, COMPLETE, PENDING).status()).isEqualTo(IN_PROGRESS);
        assertThat(plan(Strategy.PARALLEL, STARTING, PENDING).status()).isEqualTo(IN_PROGRESS);
        assertThat(plan(Strategy.PARALLEL, STARTED, COMPLETE).status()).isEqualTo(IN_PROGRESS);
        assertThat(plan(Strategy.PARALLEL, DELAYED, PENDING).status()).isEqualTo(IN_PROGRESS);
    }

    @Test
    void a_step_in_error_makes_phase_and_plan_error() {
        Plan p = plan(Strategy.PARALLEL, COMPLETE, ERROR);
        assertThat(p.status()).isEqualTo(ERROR);
        assertThat(p.phases().get(0).status()).isEqualTo(ERROR);
    }

    @Test
    void errors_win_over_everything_even_when_every_step_is_complete() {
        Plan p = plan(Strategy.PARALLEL, List.of("NODE_COUNT: must be 1..1000, got 0"), true,
                phase("a", Strategy.PARALLEL, COMPLETE));
        assertThat(p.status()).isEqualTo(ERROR);
        // The phase only knows its steps.
        assertThat(p.phases().get(0).status()).isEqualTo(COMPLETE);
    }

    @Test
    void interrupted_and_incomplete_is_waiting_but_interrupted_and_complete_is_complete() {
        assertThat(plan(Strategy.SERIAL, List.of(), true, phase("a", Strategy.SERIAL, COMPLETE, PENDING)).status()).isEqualTo(WAITING);
        assertThat(plan(Strategy.SERIAL, List.of(), true, phase("a", Strategy.SERIAL, COMPLETE)).status()).isEqualTo(COMPLETE);
    }

    @Test
    void plan_status_comes_from_steps_across_phases() {
        Plan p = plan(Strategy.SERIAL, List.of(), false,
                phase("a", Strategy.SERIAL, COMPLETE), phase("b", Strategy.SERIAL, PENDING));
        assertThat(p.phases().get(0).status()).isEqualTo(COMPLETE);
        assertThat(p.phases().get(1).status()).isEqualTo(PENDING);
        assertThat(p.status()).isEqualTo(IN_PROGRESS);
    }

    @Test
    void a_plan_without_steps_is_complete() {
        assertThat(plan(Strategy.PARALLEL, List.of(), false).status()).isEqualTo(COMPLETE);
        assertThat(plan(Strategy.PARALLEL, List.of(), false, phase("a", Strategy.SERIAL)).status()).isEqualTo(COMPLETE);
    }

    @Test
    void parallel_offers_every_pending_step() {
        assertThat(names(plan(Strategy.PARALLEL, PENDING, COMPLETE, STARTING, PENDING, DELAYED).candidates()))
                .containsExactly("a-0", "a-3");
    }

    @Test
    void serial_offers_the_first_incomplete_step_when_it_is_pending() {
        assertThat(names(plan(Strategy.SERIAL, COMPLETE, PENDING, PENDING).candidates())).containsExactly("a-1");
    }

    @Test
    void serial_offers_nothing_while_its_current_step_is_under_way_delayed_or_failed() {
        assertThat(plan(Strategy.SERIAL, COMPLETE, STARTING, PENDING).candidates()).isEmpty();
        assertThat(plan(Strategy.SERIAL, COMPLETE, STARTED, PENDING).candidates()).isEmpty();
        assertThat(plan(Strategy.SERIAL, DELAYED, PENDING).candidates()).isEmpty();
        assertThat(plan(Strategy.SERIAL, ERROR, PENDING).candidates()).isEmpty();
    }

    @Test
    void a_complete_plan_offers_nothing() {
        assertThat(plan(Strategy.SERIAL, COMPLETE, COMPLETE).candidates()).isEmpty();
        assertThat(plan(Strategy.PARALLEL, COMPLETE, COMPLETE).candidates()).isEmpty();
    }

    @Test
    void interrupted_offers_nothing() {
        assertThat(plan(Strategy.PARALLEL, List.of(), true, phase("a", Strategy.PARALLEL, PENDING, PENDING)).candidates()).isEmpty();
        assertThat(plan(Strategy.SERIAL, List.of(), true, phase("a", Strategy.SERIAL, PENDING)).candidates()).isEmpty();
    }

    @Test
    void errors_offer_nothing() {
        assertThat(plan(Strategy.PARALLEL, List.of("bad"), false, phase("a", Strategy.PARALLEL, PENDING, PENDING)).candidates()).isEmpty();
    }

    @Test
    void a_serial_plan_offers_only_its_first_incomplete_phase() {
        Plan p = plan(Strategy.SERIAL, List.of(), false,
                phase("a", Strategy.PARALLEL, COMPLETE, COMPLETE),
                phase("b", Strategy.PARALLEL, PENDING, PENDING),
                phase("c", Strategy.PARALLEL, PENDING));
        assertThat(names(p.candidates())).containsExactly("b-0", "b-1");
    }

    @Test
    void a_parallel_plan_offers_from_every_phase() {
        Plan p = plan(Strategy.PARALLEL, List.of(), false,
                phase("a", Strategy.SERIAL, COMPLETE, PENDING, PENDING),
                phase("b", Strategy.PARALLEL, PENDING, PENDING));
        assertThat(names(p.candidates())).containsExactly("a-1", "b-0", "b-1");
    }

    private static Phase interrupted(Phase phase) {
        return new Phase(phase.id(), phase.name(), phase.strategy(), phase.steps(), true);
    }

    @Test
    void a_phase_proceeds_unless_built_interrupted() {
        assertThat(phase("a", Strategy.SERIAL, PENDING).interrupted()).isFalse();
        assertThat(interrupted(phase("a", Strategy.SERIAL, PENDING)).status()).isEqualTo(WAITING);
        assertThat(interrupted(phase("a", Strategy.SERIAL, COMPLETE)).status()).isEqualTo(COMPLETE);
        assertThat(interrupted(phase("a", Strategy.SERIAL, ERROR)).status()).isEqualTo(ERROR);
    }

    @Test
    void an_interrupted_phase_offers_nothing_and_holds_a_serial_plan() {
        Plan p = plan(Strategy.SERIAL, List.of(), false,
                phase("a", Strategy.PARALLEL, COMPLETE),
                interrupted(phase("b", Strategy.PARALLEL, PENDING)),
                phase("c", Strategy.PARALLEL, PENDING));
        assertThat(p.candidates()).isEmpty();
        assertThat(p.status()).isEqualTo(WAITING);
    }

    @Test
    void a_serial_plan_is_not_held_by_a_paused_phase_it_has_not_reached() {
        Plan p = plan(Strategy.SERIAL, List.of(), false,
                phase("a", Strategy.PARALLEL, STARTED, PENDING),
                interrupted(phase("b", Strategy.PARALLEL, PENDING)));
        assertThat(names(p.candidates())).containsExactly("a-1");
        assertThat(p.status()).isEqualTo(IN_PROGRESS);
    }

    @Test
    void a_parallel_plan_waits_only_when_every_incomplete_phase_is_interrupted() {
        Plan some = plan(Strategy.PARALLEL, List.of(), false,
                interrupted(phase("a", Strategy.PARALLEL, PENDING)),
                phase("b", Strategy.PARALLEL, PENDING));
        assertThat(names(some.candidates())).containsExactly("b-0");
        assertThat(some.status()).isEqualTo(Status.PENDING);
        Plan all = plan(Strategy.PARALLEL, List.of(), false,
                interrupted(phase("a", Strategy.PARALLEL, PENDING)),
                interrupted(phase("b", Strategy.PARALLEL, STARTED)),
                phase("c", Strategy.PARALLEL, COMPLETE));
        assertThat(all.candidates()).isEmpty();
        assertThat(all.status()).isEqualTo(WAITING);
    }
}
