package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;

/**
 * The {@code backup} and {@code restore} plans: one phase named after the plan with one step,
 * {@code backup-0:[backup]}, that runs one job task. As in the SDK, an on-demand plan that was never
 * started is interrupted with its step PENDING (so it shows WAITING); once started it shows the job:
 * STARTING until it runs, STARTED with the job's progress ({@code phase=… bytes=…}), then COMPLETE
 * with the job's summary or ERROR with its reason, until the next start. The step's status and
 * message are decided by the caller; this gives the plan its shape and stable ids.
 */
public final class BackupPlan {

    static final String NOT_STARTED = "not started: POST /v1/plans/%s/start with its parameters"
            + " (CLI: dcos cockroachdb %s)";

    private BackupPlan() {
    }

    /** Never started since the scheduler's state was created: how the plan first shows. */
    public static StepStatus notStarted(BackupRequest.Kind kind) {
        return new StepStatus(Status.PENDING, String.format(NOT_STARTED, kind.plan(), kind.plan()));
    }

    /** @param interrupted true while the plan was never started */
    public static Plan of(BackupRequest.Kind kind, StepStatus step, boolean interrupted) {
        String name = kind.plan();
        String pod = name + "-0";
        String stepName = pod + ":[" + name + "]";
        Step only = new Step(PlanIds.step(name, name, stepName), stepName, step.status(), step.message(), pod);
        Phase phase = new Phase(PlanIds.phase(name, name), name, Strategy.SERIAL, List.of(only));
        return new Plan(name, Strategy.SERIAL, List.of(phase), List.of(), interrupted);
    }
}
