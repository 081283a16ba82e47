package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;

/**
 * The {@code finalize} plan, always listed: one serial phase {@code finalize} with the steps
 * {@code reset-preserve-downgrade} ({@code RESET CLUSTER SETTING cluster.preserve_downgrade_option})
 * and {@code verify-version} ({@code SHOW CLUSTER SETTING version} reports the new major). With no
 * major upgrade waiting both are COMPLETE. Statuses and messages are decided by the caller.
 */
public final class FinalizePlan {

    public static final String NAME = "finalize";
    public static final String PHASE = "finalize";
    public static final String RESET_STEP = "reset-preserve-downgrade";
    public static final String VERIFY_STEP = "verify-version";

    private FinalizePlan() {
    }

    public static Plan of(DecommissionPlan.StepState reset, DecommissionPlan.StepState verify) {
        return of(reset, verify, false);
    }

    /**
     * @param awaitingStart the upgrade may be finalized and only the operator's {@code start} is
     *                      missing: the plan shows WAITING, like an on-demand plan before its start
     */
    public static Plan of(DecommissionPlan.StepState reset, DecommissionPlan.StepState verify, boolean awaitingStart) {
        Phase phase = new Phase(PlanIds.phase(NAME, PHASE), PHASE, Strategy.SERIAL, List.of(
                step(RESET_STEP, reset), step(VERIFY_STEP, verify)));
        return new Plan(NAME, Strategy.SERIAL, List.of(phase), List.of(), awaitingStart);
    }

    private static Step step(String name, DecommissionPlan.StepState state) {
        return new Step(PlanIds.step(NAME, PHASE, name), name, state.status(), state.message(), "");
    }
}
