package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cockroachdb.mesos.scheduler.plan.CommandStatus.ALREADY;
import static org.cockroachdb.mesos.scheduler.plan.CommandStatus.BAD_REQUEST;
import static org.cockroachdb.mesos.scheduler.plan.CommandStatus.NOT_FOUND;
import static org.cockroachdb.mesos.scheduler.plan.CommandStatus.OK;
import static org.cockroachdb.mesos.scheduler.plan.Status.COMPLETE;
import static org.cockroachdb.mesos.scheduler.plan.Status.PENDING;
import static org.cockroachdb.mesos.scheduler.plan.Status.STARTED;
import static org.cockroachdb.mesos.scheduler.plan.Status.WAITING;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlanControlTest {

    private static final String PLAN = "backup";
    private static final String NODES = "nodes";
    private static final String METRICS = "metrics";
    private static final PlanControl NONE = PlanControl.proceeding();
    private static final StepRef NODE_0 = new StepRef(NODES, "n-0");
    private static final StepRef NODE_1 = new StepRef(NODES, "n-1");
    private static final StepRef NODE_2 = new StepRef(NODES, "n-2");
    private static final StepRef METRICS_0 = new StepRef(METRICS, "m-0");

    private static Phase phase(String name, Strategy strategy, Status... statuses) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            String step = name.charAt(0) + "-" + i;
            steps.add(new Step(PlanIds.step(PLAN, name, step), step, statuses[i], "computed", step));
        }
        return new Phase(PlanIds.phase(PLAN, name), name, strategy, steps);
    }

    /** Serial plan: nodes (serial: n-0 COMPLETE, n-1 STARTED, n-2 PENDING), metrics (parallel: m-0 PENDING). */
    private static Plan underWay() {
        return new Plan(PLAN, Strategy.SERIAL, List.of(phase(NODES, Strategy.SERIAL, COMPLETE, STARTED, PENDING),
                phase(METRICS, Strategy.PARALLEL, PENDING)), List.of(), false);
    }

    private static Plan complete() {
        return new Plan(PLAN, Strategy.SERIAL, List.of(phase(NODES, Strategy.SERIAL, COMPLETE, COMPLETE, COMPLETE),
                phase(METRICS, Strategy.PARALLEL, COMPLETE)), List.of(), false);
    }

    private static Plan pending() {
        return new Plan(PLAN, Strategy.SERIAL, List.of(phase(NODES, Strategy.SERIAL, PENDING, PENDING, PENDING),
                phase(METRICS, Strategy.PARALLEL, PENDING)), List.of(), false);
    }

    private static PlanControl control(boolean interrupted, Set<String> phases, Set<StepRef> forced, Map<String, String> params) {
        return new PlanControl(interrupted, new TreeSet<>(phases), new TreeSet<>(forced), new TreeMap<>(params));
    }

    private static PlanControl interruptedPhase(String phase) {
        return control(false, Set.of(phase), Set.of(), Map.of());
    }

    private static PlanControl forced(StepRef... refs) {
        return control(false, Set.of(), Set.of(refs), Map.of());
    }

    private static void assertResult(PlanControl.Outcome outcome, CommandStatus status, String message) {
        assertThat(outcome.result()).isEqualTo(new CommandResult(status, message));
    }

    /** A refused or idle command changes nothing and asks for no reset. */
    private static void assertUnchanged(PlanControl before, PlanControl.Outcome outcome, CommandStatus status, String message) {
        assertResult(outcome, status, message);
        assertThat(outcome.control()).isEqualTo(before);
        assertThat(outcome.stepsToReset()).isEmpty();
        assertThat(outcome.resetRequested()).isFalse();
    }

    private static Optional<String> of(String s) {
        return Optional.of(s);
    }

    private static Step step(Plan plan, StepRef ref) {
        return plan.phases().stream().filter(p -> p.name().equals(ref.phase())).findFirst().orElseThrow()
                .steps().stream().filter(s -> s.name().equals(ref.step())).findFirst().orElseThrow();
    }

    // ---- initial controls

    @Test
    void proceeding_overrides_nothing_and_on_demand_plans_wait_for_start() {
        assertThat(NONE).isEqualTo(control(false, Set.of(), Set.of(), Map.of()));
        assertThat(PlanControl.interruptedUntilStarted()).isEqualTo(control(true, Set.of(), Set.of(), Map.of()));
        assertThat(PlanControl.render(underWay(), PlanControl.interruptedUntilStarted()).status()).isEqualTo(WAITING);
    }

    @Test
    void the_control_is_an_immutable_copy() {
        Map<String, String> params = new HashMap<>(Map.of("A", "1"));
        PlanControl c = new PlanControl(false, new TreeSet<>(Set.of("x")), new TreeSet<>(), new TreeMap<>(params));
        assertThatThrownBy(() -> c.parameters().put("B", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.interruptedPhases().add("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.forcedComplete().add(NODE_0)).isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- render

    @Test
    void rendering_no_overrides_gives_the_computed_plan() {
        assertThat(PlanControl.render(underWay(), NONE)).isEqualTo(underWay());
    }

    @Test
    void an_interrupted_plan_waits_and_offers_nothing() {
        Plan shown = PlanControl.render(underWay(), control(true, Set.of(), Set.of(), Map.of()));
        assertThat(shown.interrupted()).isTrue();
        assertThat(shown.status()).isEqualTo(WAITING);
        assertThat(shown.candidates()).isEmpty();
    }

    @Test
    void the_control_decides_interruption_even_over_a_computed_flag() {
        Plan computedInterrupted = new Plan(PLAN, Strategy.SERIAL, underWay().phases(), List.of(), true);
        assertThat(PlanControl.render(computedInterrupted, NONE).interrupted()).isFalse();
    }

    @Test
    void an_interrupted_phase_waits_and_offers_nothing_and_holds_back_the_phases_after_it_in_a_serial_plan() {
        Plan computed = new Plan(PLAN, Strategy.SERIAL, List.of(phase(NODES, Strategy.PARALLEL, PENDING, PENDING),
                phase(METRICS, Strategy.PARALLEL, PENDING)), List.of(), false);
        assertThat(computed.candidates()).extracting(Step::name).containsExactly("n-0", "n-1");

        Plan shown = PlanControl.render(computed, interruptedPhase(NODES));
        assertThat(shown.phases().get(0).interrupted()).isTrue();
        assertThat(shown.phases().get(0).status()).isEqualTo(WAITING);
        assertThat(shown.phases().get(1).interrupted()).isFalse();
        assertThat(shown.candidates()).isEmpty();
        // Only the operator can move it: the plan waits.
        assertThat(shown.status()).isEqualTo(WAITING);
    }

    @Test
    void in_a_parallel_plan_the_other_phases_go_on_while_one_is_interrupted() {
        Plan computed = new Plan(PLAN, Strategy.PARALLEL, List.of(phase(NODES, Strategy.PARALLEL, PENDING, PENDING),
                phase(METRICS, Strategy.PARALLEL, PENDING)), List.of(), false);
        Plan shown = PlanControl.render(computed, interruptedPhase(NODES));
        assertThat(shown.candidates()).extracting(Step::name).containsExactly("m-0");
        assertThat(shown.status()).isEqualTo(PENDING);
        Plan metricsPaused = PlanControl.render(computed, interruptedPhase(METRICS));
        assertThat(metricsPaused.candidates()).extracting(Step::name).containsExactly("n-0", "n-1");
    }

    @Test
    void an_interrupted_phase_that_is_complete_is_complete() {
        Plan shown = PlanControl.render(complete(), interruptedPhase(NODES));
        assertThat(shown.phases().get(0).status()).isEqualTo(COMPLETE);
        assertThat(shown.status()).isEqualTo(COMPLETE);
    }

    @Test
    void forced_steps_show_complete_with_the_reason_and_the_rollout_moves_past_them() {
        Plan shown = PlanControl.render(underWay(), forced(NODE_1));
        Step n1 = step(shown, NODE_1);
        assertThat(n1.status()).isEqualTo(COMPLETE);
        assertThat(n1.message()).isEqualTo("forced complete by operator");
        assertThat(n1.id()).isEqualTo(step(underWay(), NODE_1).id());
        assertThat(n1.podName()).isEqualTo("n-1");
        assertThat(shown.candidates()).extracting(Step::name).containsExactly("n-2");
        assertThat(step(shown, NODE_2)).isEqualTo(step(underWay(), NODE_2));
    }

    @Test
    void forcing_a_step_that_is_complete_anyway_keeps_its_own_message() {
        assertThat(step(PlanControl.render(underWay(), forced(NODE_0)), NODE_0).message()).isEqualTo("computed");
    }

    @Test
    void overrides_of_phases_and_steps_the_plan_no_longer_has_are_ignored() {
        PlanControl stale = control(false, Set.of("gone"), Set.of(new StepRef(NODES, "n-9"), new StepRef("gone", "n-1")), Map.of());
        assertThat(PlanControl.render(underWay(), stale)).isEqualTo(underWay());
    }

    @Test
    void rendering_twice_is_rendering_once() {
        PlanControl c = control(true, Set.of(METRICS), Set.of(NODE_1), Map.of("A", "1"));
        Plan once = PlanControl.render(underWay(), c);
        assertThat(PlanControl.render(once, c)).isEqualTo(once);
    }

    @Test
    void rendering_keeps_name_strategy_ids_and_errors() {
        Plan computed = new Plan(PLAN, Strategy.PARALLEL, underWay().phases(), List.of("bad config"), false);
        Plan shown = PlanControl.render(computed, interruptedPhase(NODES));
        assertThat(shown.name()).isEqualTo(PLAN);
        assertThat(shown.strategy()).isEqualTo(Strategy.PARALLEL);
        assertThat(shown.errors()).containsExactly("bad config");
        assertThat(shown.phases()).extracting(Phase::id).containsExactly(PlanIds.phase(PLAN, NODES), PlanIds.phase(PLAN, METRICS));
        assertThat(shown.phases()).extracting(Phase::strategy).containsExactly(Strategy.SERIAL, Strategy.PARALLEL);
    }

    // ---- start

    @Test
    void start_sets_parameters_resumes_and_says_so() {
        PlanControl before = control(true, Set.of(METRICS), Set.of(NODE_1), Map.of("OLD", "x", "DATABASE_NAME", "old"));
        PlanControl.Outcome o = before.apply(new PlanCommand.Start(Map.of("DATABASE_NAME", "bank", "S3_BUCKET_NAME", "b")), underWay());
        assertResult(o, OK, "Received cmd: start backup with parameters: {DATABASE_NAME=bank, S3_BUCKET_NAME=b}");
        // Merged over the old ones; phase pauses and forced steps of a plan under way stay.
        assertThat(o.control()).isEqualTo(control(false, Set.of(METRICS), Set.of(NODE_1),
                Map.of("OLD", "x", "DATABASE_NAME", "bank", "S3_BUCKET_NAME", "b")));
        assertThat(o.stepsToReset()).isEmpty();
    }

    @Test
    void start_without_parameters() {
        PlanControl.Outcome o = PlanControl.interruptedUntilStarted().apply(new PlanCommand.Start(Map.of()), pending());
        assertResult(o, OK, "Received cmd: start backup with parameters: {}");
        assertThat(o.control()).isEqualTo(NONE);
        assertThat(o.resetRequested()).isFalse();
    }

    @Test
    void start_on_a_running_plan_is_still_ok_never_208() {
        PlanControl.Outcome o = NONE.apply(new PlanCommand.Start(Map.of()), underWay());
        assertResult(o, OK, "Received cmd: start backup with parameters: {}");
        assertThat(o.control()).isEqualTo(NONE);
    }

    @Test
    void start_of_a_complete_plan_runs_it_again() {
        PlanControl before = control(true, Set.of(), Set.of(NODE_1), Map.of());
        Plan computed = new Plan(PLAN, Strategy.SERIAL, List.of(phase(NODES, Strategy.SERIAL, COMPLETE, PENDING, COMPLETE),
                phase(METRICS, Strategy.PARALLEL, COMPLETE)), List.of(), false);
        // n-1 is complete only because it was forced: the plan as shown is complete.
        PlanControl.Outcome o = before.apply(new PlanCommand.Start(Map.of("A", "1")), computed);
        assertThat(o.result().status()).isEqualTo(OK);
        assertThat(o.stepsToReset()).containsExactly(NODE_0, NODE_1, NODE_2, METRICS_0);
        assertThat(o.resetRequested()).isTrue();
        assertThat(o.control()).isEqualTo(control(false, Set.of(), Set.of(), Map.of("A", "1")));
    }

    @Test
    void start_refuses_names_that_are_not_environment_variable_names_and_changes_nothing() {
        PlanControl before = PlanControl.interruptedUntilStarted();
        for (String bad : List.of("1X", "A-B", "", "A B", "É", "A=B", "A.B")) {
            assertUnchanged(before, before.apply(new PlanCommand.Start(Map.of(bad, "v", "GOOD", "v")), pending()), BAD_REQUEST,
                    "Couldn't parse parameters: '" + bad + "' is not a valid environment variable name;"
                            + " use letters, digits and '_', not starting with a digit");
        }
    }

    @Test
    void start_accepts_every_environment_variable_name_shape() {
        Map<String, String> good = Map.of("_", "1", "_x9", "2", "a", "3", "AWS_ACCESS_KEY_ID", "4", "z_Z_0", "5");
        PlanControl.Outcome o = NONE.apply(new PlanCommand.Start(good), pending());
        assertThat(o.result().status()).isEqualTo(OK);
        assertThat(o.control().parameters()).isEqualTo(good);
    }

    @Test
    void start_names_the_first_bad_name_in_name_order() {
        assertThat(NONE.apply(new PlanCommand.Start(Map.of("9b", "v", "9a", "v")), pending()).result().message())
                .startsWith("Couldn't parse parameters: '9a' ");
    }

    @Test
    void start_never_shows_values_that_look_like_credentials() {
        Map<String, String> params = new TreeMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIA123", "AWS_SECRET_ACCESS_KEY", "s3cr3t",
                "DB_PASSWORD", "pw", "API_TOKEN", "tok", "DATABASE_NAME", "bank", "AWS_DEFAULT_REGION", "us-west-1"));
        PlanControl.Outcome o = NONE.apply(new PlanCommand.Start(params), pending());
        assertResult(o, OK, "Received cmd: start backup with parameters: {API_TOKEN=****, AWS_ACCESS_KEY_ID=****,"
                + " AWS_DEFAULT_REGION=us-west-1, AWS_SECRET_ACCESS_KEY=****, DATABASE_NAME=bank, DB_PASSWORD=****}");
        // They are kept, though: the plan's tasks need them.
        assertThat(o.control().parameters()).isEqualTo(params);
    }

    @Test
    void a_start_command_has_no_null_values_and_is_immutable() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("A", null);
        assertThatThrownBy(() -> new PlanCommand.Start(withNull)).isInstanceOf(NullPointerException.class)
                .hasMessage("value of parameter A");
        assertThatThrownBy(() -> new PlanCommand.Start(Map.of()).parameters().put("A", "1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // ---- stop

    @Test
    void stop_interrupts_and_resets_every_step_that_is_not_pending() {
        PlanControl before = control(false, Set.of(METRICS), Set.of(NODE_2), Map.of("A", "1"));
        PlanControl.Outcome o = before.apply(new PlanCommand.Stop(), underWay());
        assertResult(o, OK, "Received cmd: stop");
        // n-2 was shown COMPLETE (forced): it is reset too, and the force is forgotten.
        assertThat(o.stepsToReset()).containsExactly(NODE_0, NODE_1, NODE_2);
        assertThat(o.resetRequested()).isTrue();
        assertThat(o.control()).isEqualTo(control(true, Set.of(METRICS), Set.of(), Map.of("A", "1")));
        assertThat(PlanControl.render(underWay(), o.control()).status()).isEqualTo(WAITING);
    }

    @Test
    void stop_of_a_stopped_plan_is_ok_again() {
        PlanControl stopped = control(true, Set.of(), Set.of(), Map.of());
        PlanControl.Outcome o = stopped.apply(new PlanCommand.Stop(), pending());
        assertResult(o, OK, "Received cmd: stop");
        assertThat(o.control()).isEqualTo(stopped);
        assertThat(o.resetRequested()).isFalse();
    }

    // ---- interrupt / continue the plan

    @Test
    void interrupt_pauses_a_plan_once() {
        PlanControl.Outcome o = NONE.apply(new PlanCommand.Interrupt(Optional.empty()), underWay());
        assertResult(o, OK, "Received cmd: interrupt");
        assertThat(o.control()).isEqualTo(control(true, Set.of(), Set.of(), Map.of()));
        assertThat(o.resetRequested()).isFalse();
        assertUnchanged(o.control(), o.control().apply(new PlanCommand.Interrupt(Optional.empty()), underWay()),
                ALREADY, "Command has already been reported or completed");
    }

    @Test
    void interrupt_of_a_complete_plan_is_already_done() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Interrupt(Optional.empty()), complete()),
                ALREADY, "Command has already been reported or completed");
        // Complete as shown, thanks to forced steps, counts.
        Plan computed = new Plan(PLAN, Strategy.SERIAL, List.of(phase(NODES, Strategy.SERIAL, COMPLETE, PENDING)), List.of(), false);
        PlanControl f = forced(new StepRef(NODES, "n-1"));
        assertUnchanged(f, f.apply(new PlanCommand.Interrupt(Optional.empty()), computed), ALREADY,
                "Command has already been reported or completed");
    }

    @Test
    void continue_resumes_an_interrupted_plan_once() {
        PlanControl paused = control(true, Set.of(METRICS), Set.of(), Map.of());
        PlanControl.Outcome o = paused.apply(new PlanCommand.Continue(Optional.empty()), underWay());
        assertResult(o, OK, "Received cmd: continue");
        // Phase pauses are the phases' own.
        assertThat(o.control()).isEqualTo(interruptedPhase(METRICS));
        assertUnchanged(o.control(), o.control().apply(new PlanCommand.Continue(Optional.empty()), underWay()),
                ALREADY, "Command has already been reported or completed");
    }

    @Test
    void continue_of_a_complete_plan_lifts_the_interruption_a_stop_left() {
        // after `plan stop` the running nodes' steps still show COMPLETE; the plan must not stay paused
        // (a node failing later would then never be relaunched) just because nothing is pending now
        PlanControl paused = control(true, Set.of(), Set.of(), Map.of());
        PlanControl.Outcome resumed = paused.apply(new PlanCommand.Continue(Optional.empty()), complete());
        assertResult(resumed, OK, "Received cmd: continue");
        assertThat(resumed.control()).isEqualTo(NONE);
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Continue(Optional.empty()), complete()),
                ALREADY, "Command has already been reported or completed");
    }

    // ---- interrupt / continue a phase

    @Test
    void interrupt_pauses_one_phase_by_name_or_id_once() {
        PlanControl.Outcome byName = NONE.apply(new PlanCommand.Interrupt(of(METRICS)), underWay());
        assertResult(byName, OK, "Received cmd: interrupt");
        assertThat(byName.control()).isEqualTo(interruptedPhase(METRICS));
        PlanControl.Outcome byId = NONE.apply(new PlanCommand.Interrupt(of(PlanIds.phase(PLAN, METRICS))), underWay());
        assertThat(byId.control()).isEqualTo(interruptedPhase(METRICS));
        assertUnchanged(byName.control(), byName.control().apply(new PlanCommand.Interrupt(of(METRICS)), underWay()),
                ALREADY, "Command has already been reported or completed");
    }

    @Test
    void interrupt_of_a_complete_phase_is_already_done() {
        Plan nodesDone = new Plan(PLAN, Strategy.SERIAL, List.of(phase(NODES, Strategy.SERIAL, COMPLETE),
                phase(METRICS, Strategy.PARALLEL, PENDING)), List.of(), false);
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Interrupt(of(NODES)), nodesDone),
                ALREADY, "Command has already been reported or completed");
    }

    @Test
    void interrupt_or_continue_of_an_unknown_phase_is_not_found() {
        PlanControl paused = interruptedPhase(METRICS);
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Interrupt(of("nope")), underWay()), NOT_FOUND, "Phase nope not found");
        assertUnchanged(paused, paused.apply(new PlanCommand.Continue(of("nope")), underWay()), NOT_FOUND, "Phase nope not found");
        // Interrupting the plan does not interrupt its phases: they are still looked up.
        PlanControl planPaused = control(true, Set.of(), Set.of(), Map.of());
        assertUnchanged(planPaused, planPaused.apply(new PlanCommand.Interrupt(of("nope")), underWay()), NOT_FOUND,
                "Phase nope not found");
    }

    @Test
    void continue_resumes_one_phase_by_name_or_id_once() {
        PlanControl paused = control(true, Set.of(NODES, METRICS), Set.of(), Map.of());
        PlanControl.Outcome o = paused.apply(new PlanCommand.Continue(of(NODES)), underWay());
        assertResult(o, OK, "Received cmd: continue");
        assertThat(o.control()).isEqualTo(control(true, Set.of(METRICS), Set.of(), Map.of()));
        PlanControl.Outcome byId = paused.apply(new PlanCommand.Continue(of(PlanIds.phase(PLAN, NODES))), underWay());
        assertThat(byId.control()).isEqualTo(o.control());
        assertUnchanged(o.control(), o.control().apply(new PlanCommand.Continue(of(NODES)), underWay()),
                ALREADY, "Command has already been reported or completed");
    }

    @Test
    void continue_of_a_complete_phase_lifts_its_interruption_and_is_already_done_when_not_paused() {
        PlanControl paused = interruptedPhase(NODES);
        PlanControl.Outcome resumed = paused.apply(new PlanCommand.Continue(of(NODES)), complete());
        assertResult(resumed, OK, "Received cmd: continue");
        assertThat(resumed.control()).isEqualTo(NONE);
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Continue(of(NODES)), complete()),
                ALREADY, "Command has already been reported or completed");
    }

    // ---- forceComplete

    @Test
    void force_complete_needs_a_phase_and_a_step() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.ForceComplete(Optional.empty(), Optional.empty()), underWay()),
                BAD_REQUEST, "Missing phase");
        assertUnchanged(NONE, NONE.apply(new PlanCommand.ForceComplete(Optional.empty(), of("n-1")), underWay()),
                BAD_REQUEST, "Missing phase");
        assertUnchanged(NONE, NONE.apply(new PlanCommand.ForceComplete(of(NODES), Optional.empty()), underWay()),
                BAD_REQUEST, "Missing step");
    }

    @Test
    void force_complete_of_an_unknown_phase_or_step_is_not_found() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.ForceComplete(of("nope"), of("n-1")), underWay()),
                NOT_FOUND, "Phase nope not found");
        assertUnchanged(NONE, NONE.apply(new PlanCommand.ForceComplete(of(NODES), of("n-9")), underWay()),
                NOT_FOUND, "Step n-9 not found");
        // A step is looked up in its own phase only.
        assertUnchanged(NONE, NONE.apply(new PlanCommand.ForceComplete(of(METRICS), of("n-1")), underWay()),
                NOT_FOUND, "Step n-1 not found");
    }

    @Test
    void force_complete_marks_the_step_by_name() {
        PlanControl.Outcome o = NONE.apply(new PlanCommand.ForceComplete(of(NODES), of("n-1")), underWay());
        assertResult(o, OK, "Received cmd: forceComplete for Plan: backup, Phase: nodes, Step: n-1");
        assertThat(o.control()).isEqualTo(forced(NODE_1));
        assertThat(o.resetRequested()).isFalse();
        assertThat(step(PlanControl.render(underWay(), o.control()), NODE_1).status()).isEqualTo(COMPLETE);
    }

    @Test
    void force_complete_by_ids_stores_names() {
        PlanControl.Outcome o = NONE.apply(new PlanCommand.ForceComplete(of(PlanIds.phase(PLAN, NODES)),
                of(PlanIds.step(PLAN, NODES, "n-2"))), underWay());
        assertResult(o, OK, "Received cmd: forceComplete for Plan: backup, Phase: nodes, Step: n-2");
        assertThat(o.control()).isEqualTo(forced(NODE_2));
    }

    @Test
    void force_complete_of_a_complete_or_already_forced_step_is_already_done() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.ForceComplete(of(NODES), of("n-0")), underWay()),
                ALREADY, "Command has already been reported or completed");
        PlanControl f = forced(NODE_1);
        assertUnchanged(f, f.apply(new PlanCommand.ForceComplete(of(NODES), of("n-1")), underWay()),
                ALREADY, "Command has already been reported or completed");
    }

    @Test
    void force_complete_keeps_the_other_overrides() {
        PlanControl before = control(true, Set.of(METRICS), Set.of(NODE_1), Map.of("A", "1"));
        PlanControl.Outcome o = before.apply(new PlanCommand.ForceComplete(of(METRICS), of("m-0")), underWay());
        assertThat(o.control()).isEqualTo(control(true, Set.of(METRICS), Set.of(NODE_1, METRICS_0), Map.of("A", "1")));
    }

    // ---- restart

    @Test
    void restart_of_a_step_without_its_phase_is_a_bad_request() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Restart(Optional.empty(), of("n-1")), underWay()),
                BAD_REQUEST, "Missing phase");
    }

    @Test
    void restart_of_the_plan_resets_what_is_not_pending_resumes_and_forgets_forced_steps() {
        PlanControl before = control(true, Set.of(METRICS), Set.of(NODE_2), Map.of("A", "1"));
        PlanControl.Outcome o = before.apply(new PlanCommand.Restart(Optional.empty(), Optional.empty()), underWay());
        assertResult(o, OK, "Received cmd: restart for Plan: backup");
        assertThat(o.stepsToReset()).containsExactly(NODE_0, NODE_1, NODE_2);
        assertThat(o.control()).isEqualTo(control(false, Set.of(METRICS), Set.of(), Map.of("A", "1")));
    }

    @Test
    void restart_of_a_pending_plan_is_already_done_unless_it_is_interrupted() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Restart(Optional.empty(), Optional.empty()), pending()),
                ALREADY, "Command has already been reported or completed");
        PlanControl paused = control(true, Set.of(), Set.of(), Map.of());
        PlanControl.Outcome o = paused.apply(new PlanCommand.Restart(Optional.empty(), Optional.empty()), pending());
        assertResult(o, OK, "Received cmd: restart for Plan: backup");
        assertThat(o.control()).isEqualTo(NONE);
        assertThat(o.resetRequested()).isFalse();
    }

    @Test
    void restart_of_a_phase_resets_its_steps_resumes_it_and_forgets_its_forced_steps_only() {
        PlanControl before = control(true, Set.of(NODES, METRICS), Set.of(NODE_2, METRICS_0), Map.of());
        PlanControl.Outcome o = before.apply(new PlanCommand.Restart(of(NODES), Optional.empty()), underWay());
        assertResult(o, OK, "Received cmd: restart for Plan: backup, Phase: nodes");
        assertThat(o.stepsToReset()).containsExactly(NODE_0, NODE_1, NODE_2);
        // The plan's own pause stays: restarting a phase does not resume the plan.
        assertThat(o.control()).isEqualTo(control(true, Set.of(METRICS), Set.of(METRICS_0), Map.of()));
    }

    @Test
    void restart_of_a_phase_by_id() {
        PlanControl.Outcome o = NONE.apply(new PlanCommand.Restart(of(PlanIds.phase(PLAN, NODES)), Optional.empty()), underWay());
        assertResult(o, OK, "Received cmd: restart for Plan: backup, Phase: nodes");
        assertThat(o.stepsToReset()).containsExactly(NODE_0, NODE_1);
    }

    @Test
    void restart_of_a_pending_phase_is_already_done_unless_it_is_interrupted() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Restart(of(METRICS), Optional.empty()), underWay()),
                ALREADY, "Command has already been reported or completed");
        PlanControl paused = interruptedPhase(METRICS);
        PlanControl.Outcome o = paused.apply(new PlanCommand.Restart(of(METRICS), Optional.empty()), underWay());
        assertResult(o, OK, "Received cmd: restart for Plan: backup, Phase: metrics");
        assertThat(o.control()).isEqualTo(NONE);
        assertThat(o.stepsToReset()).isEmpty();
    }

    @Test
    void restart_of_an_unknown_phase_or_step_is_not_found() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Restart(of("nope"), Optional.empty()), underWay()),
                NOT_FOUND, "Phase nope not found");
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Restart(of("nope"), of("n-1")), underWay()),
                NOT_FOUND, "Phase nope not found");
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Restart(of(NODES), of("m-0")), underWay()),
                NOT_FOUND, "Step m-0 not found");
    }

    @Test
    void restart_of_a_step_resets_just_that_step() {
        PlanControl before = control(true, Set.of(NODES), Set.of(), Map.of());
        PlanControl.Outcome o = before.apply(new PlanCommand.Restart(of(NODES), of("n-1")), underWay());
        assertResult(o, OK, "Received cmd: restart for Plan: backup, Phase: nodes, Step: n-1");
        assertThat(o.stepsToReset()).containsExactly(NODE_1);
        assertThat(o.control()).isEqualTo(before);
        PlanControl.Outcome byId = before.apply(new PlanCommand.Restart(of(NODES), of(PlanIds.step(PLAN, NODES, "n-0"))), underWay());
        assertResult(byId, OK, "Received cmd: restart for Plan: backup, Phase: nodes, Step: n-0");
        assertThat(byId.stepsToReset()).containsExactly(NODE_0);
    }

    @Test
    void restart_of_a_forced_step_forgets_the_force() {
        PlanControl f = forced(NODE_2, NODE_1);
        PlanControl.Outcome o = f.apply(new PlanCommand.Restart(of(NODES), of("n-2")), underWay());
        assertThat(o.stepsToReset()).containsExactly(NODE_2);
        assertThat(o.control()).isEqualTo(forced(NODE_1));
    }

    @Test
    void restart_of_a_pending_step_is_already_done() {
        assertUnchanged(NONE, NONE.apply(new PlanCommand.Restart(of(NODES), of("n-2")), underWay()),
                ALREADY, "Command has already been reported or completed");
    }

    // ---- every command against a plan without steps

    @Test
    void a_plan_without_steps_is_complete_so_pausing_and_resuming_it_is_already_done() {
        Plan empty = new Plan(PLAN, Strategy.SERIAL, List.of(), List.of(), false);
        assertThat(NONE.apply(new PlanCommand.Interrupt(Optional.empty()), empty).result().status()).isEqualTo(ALREADY);
        assertThat(NONE.apply(new PlanCommand.Continue(Optional.empty()), empty).result().status()).isEqualTo(ALREADY);
        assertThat(NONE.apply(new PlanCommand.Stop(), empty).resetRequested()).isFalse();
        assertThat(NONE.apply(new PlanCommand.Start(Map.of()), empty).resetRequested()).isFalse();
        assertThat(NONE.apply(new PlanCommand.Restart(Optional.empty(), Optional.empty()), empty).result().status())
                .isEqualTo(ALREADY);
    }
}
