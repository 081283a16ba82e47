package org.cockroachdb.mesos.scheduler.api;

import java.util.List;
import java.util.Optional;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;

/**
 * The service's health as one code for Marathon and DC/OS ({@code /v1/health}). When several
 * apply, the one that most needs attention wins: initializing, then errors in the deploy plan,
 * then a delayed step of a plan other than recovery (a deploy or job that keeps failing), then a
 * paused plan (waits for the operator), then recovery, then deployment; 200 only when every plan
 * is complete. Recovery is 205 while a relaunch is under way (a step STARTING or STARTED) and 203
 * while it waits (for an offer, its backoff or its agent): a deployed node in a crash loop is
 * "recovering", never "deploying".
 * The on-demand plans ({@code backup}, {@code restore}) never hold a 200 back (a job's failure is
 * not the service's, and a plan never started waits by design); as in the SDK, a running one turns
 * a 200 into 320 (backup) or 321 (restore).
 */
final class ServiceHealth {

    static final int INITIALIZING = 318;
    static final int DEPLOY_ERRORS = 500;
    static final int DELAYED = 208;
    static final int WAITING_FOR_USER = 207;
    static final int RECOVERING = 203;
    static final int RECOVERING_IN_PROGRESS = 205;
    static final int DEPLOYING = 202;
    static final int RUNNING = 200;
    static final int BACKING_UP = 320;
    static final int RESTORING = 321;

    static final String RECOVERY_PLAN = "recovery";
    static final String DEPLOY_PLAN = "deploy";
    static final String BACKUP_PLAN = "backup";
    static final String RESTORE_PLAN = "restore";

    private ServiceHealth() {
    }

    static int code(ServiceView view) {
        if (view.initializing()) {
            return INITIALIZING;
        }
        Optional<Plan> deploy = view.plan(DEPLOY_PLAN);
        if (deploy.filter(p -> p.status() == Status.ERROR).isPresent()) {
            return DEPLOY_ERRORS;
        }
        List<Plan> plans = view.plans().stream().filter(p -> !onDemand(p)).toList();
        if (plans.stream().filter(p -> !p.name().equals(RECOVERY_PLAN)).flatMap(p -> p.steps().stream())
                .anyMatch(s -> s.status() == Status.DELAYED)) {
            return DELAYED;
        }
        if (plans.stream().anyMatch(p -> p.status() == Status.WAITING)) {
            return WAITING_FOR_USER;
        }
        Optional<Plan> recovery = view.plan(RECOVERY_PLAN).filter(p -> p.status() != Status.COMPLETE);
        if (recovery.isPresent()) {
            return recovery.get().steps().stream()
                    .anyMatch(s -> s.status() == Status.STARTING || s.status() == Status.STARTED)
                    ? RECOVERING_IN_PROGRESS : RECOVERING;
        }
        if (plans.stream().anyMatch(p -> p.status() != Status.COMPLETE)) {
            return DEPLOYING;
        }
        if (view.plan(RESTORE_PLAN).filter(ServiceHealth::running).isPresent()) {
            return RESTORING;
        }
        if (view.plan(BACKUP_PLAN).filter(ServiceHealth::running).isPresent()) {
            return BACKING_UP;
        }
        return RUNNING;
    }

    private static boolean onDemand(Plan plan) {
        return plan.name().equals(BACKUP_PLAN) || plan.name().equals(RESTORE_PLAN);
    }

    /** Started and not over: in progress (or pending an offer), neither complete, failed nor waiting. */
    private static boolean running(Plan plan) {
        Status status = plan.status();
        return status == Status.IN_PROGRESS || status == Status.PENDING;
    }

    static Reply reply(ServiceView view) {
        int code = code(view);
        return Reply.json(code, Reply.JSON.createObjectNode().put("value", code));
    }
}
