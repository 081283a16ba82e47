package org.cockroachdb.mesos.scheduler.plan;

import java.util.Objects;
import java.util.Optional;

/** A step's status and a message that says what it waits for. */
public record StepStatus(Status status, String message) {

    static final String WAITING_FOR_OFFER = "waiting for an offer that fits";

    public StepStatus {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The status of the step that runs one task, as a function of what is known about it.
     *
     * @param observed       the task as last heard of; empty if never launched
     * @param inFlight       operations for it were sent and no status of the new launch came back yet
     * @param targetRevision the oldest config revision whose node settings are current: a task
     *                       launched for it or a later one needs no relaunch
     * @param delayed        set when a relaunch is held back: the reason, e.g. "relaunch in 20s (attempt 3)"
     */
    public static StepStatus of(Optional<ObservedTask> observed, boolean inFlight, long targetRevision,
                                Optional<String> delayed) {
        if (inFlight) {
            return new StepStatus(Status.STARTING, "launch sent, waiting for the task to start");
        }
        if (observed.isEmpty()) {
            return new StepStatus(Status.PENDING, WAITING_FOR_OFFER);
        }
        ObservedTask task = observed.get();
        if (task.state().isEmpty()) {
            return new StepStatus(Status.STARTING, "launched, waiting for its first status");
        }
        String state = task.state().get();
        return switch (state) {
            case "TASK_STAGING", "TASK_STARTING" -> new StepStatus(Status.STARTING, state + ", waiting for TASK_RUNNING");
            case "TASK_KILLING" -> new StepStatus(Status.STARTING, "being killed");
            case "TASK_RUNNING" -> running(task, targetRevision);
            // Everything else is terminal or lost: the node has to be launched again.
            default -> delayed
                    .map(reason -> new StepStatus(Status.DELAYED, reason))
                    .orElseGet(() -> new StepStatus(Status.PENDING,
                            task.message().isEmpty() ? state : state + ": " + task.message()));
        };
    }

    private static StepStatus running(ObservedTask task, long targetRevision) {
        // A node launched for a later target that changed nothing it runs (a scale-up, say) is current.
        if (task.configRevision() < targetRevision) {
            return new StepStatus(Status.PENDING,
                    "runs revision " + task.configRevision() + ", target is " + targetRevision);
        }
        // A RUNNING task counts only once readiness passed on this run (also after a scheduler restart).
        return task.ready()
                ? new StepStatus(Status.COMPLETE, "running revision " + task.configRevision() + ", ready")
                : new StepStatus(Status.STARTED, "running, waiting for readiness");
    }
}
