package org.cockroachdb.mesos.scheduler.loop;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.scheduler.mesos.JobTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.BackupPlan;
import org.cockroachdb.mesos.scheduler.plan.BackupRequest;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.StepStatus;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/**
 * What the event loop knows of the backup and restore jobs beyond their task records: the request
 * waiting for an offer (the only place its credentials live, until its launch), and the jobs left
 * over by a previous run or stopped by the operator, which are killed and end in ERROR. The
 * decisions (what a step shows, how a job ended) are pure functions of that and the stored state.
 */
final class BackupJobs {

    /** {@code job-outcome:backup}: a {@link BackupOutcome}, so a restart knows what was asked and how it ended. */
    static final String OUTCOME_PROPERTY_PREFIX = "job-outcome:";
    /** {@code plan-control:backup}: the last start's parameters, credentials stripped. */
    static final String CONTROL_PROPERTY_PREFIX = "plan-control:";
    static final String RESTARTED = "the scheduler restarted during the %s; credentials are never stored, so run it"
            + " again";
    static final String STOPPED = "stopped by the operator";
    static final String WAITING_FOR_OFFER = "waiting for an offer on an agent that runs a live node";

    private final Map<BackupRequest.Kind, BackupRequest> requested = new EnumMap<>(BackupRequest.Kind.class);
    /** Job tasks to kill, with the reason their step ends in ERROR. */
    private final Map<String, String> abandoned = new HashMap<>();
    /** What each job does, for the refusal of a second one (not known for a job of a previous run). */
    private final Map<BackupRequest.Kind, String> described = new EnumMap<>(BackupRequest.Kind.class);

    static String taskName(BackupRequest.Kind kind) {
        return kind == BackupRequest.Kind.BACKUP ? JobTaskInfos.BACKUP_JOB : JobTaskInfos.RESTORE_JOB;
    }

    static Optional<BackupRequest.Kind> kindOfTask(String taskName) {
        for (BackupRequest.Kind kind : BackupRequest.Kind.values()) {
            if (taskName(kind).equals(taskName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    static String outcomeKey(BackupRequest.Kind kind) {
        return OUTCOME_PROPERTY_PREFIX + kind.plan();
    }

    static String controlKey(BackupRequest.Kind kind) {
        return CONTROL_PROPERTY_PREFIX + kind.plan();
    }

    /** "backup of database bank to s3://b/cockroach-backups/x (native)"; no credentials. */
    static String describe(BackupRequest request) {
        return request.kind().plan() + " of database " + request.database()
                + (request.kind() == BackupRequest.Kind.BACKUP ? " to " : " from ") + request.location() + " ("
                + request.mode().name().toLowerCase(java.util.Locale.ROOT) + " mode"
                + (request.force() ? ", forced" : "") + ")";
    }

    void request(BackupRequest request) {
        requested.put(request.kind(), request);
        described.put(request.kind(), describe(request));
    }

    /** The request waiting for an offer, if any (at most one, as one job runs at a time). */
    Optional<BackupRequest> waiting() {
        return requested.values().stream().findFirst();
    }

    Optional<BackupRequest> waiting(BackupRequest.Kind kind) {
        return Optional.ofNullable(requested.get(kind));
    }

    /** The job is launched: its credentials are now only in the ACCEPT sent and on the agent. */
    void launched(BackupRequest.Kind kind) {
        requested.remove(kind);
    }

    /** Dropped before it launched (stopped); @return whether there was one */
    boolean drop(BackupRequest.Kind kind) {
        return requested.remove(kind) != null;
    }

    void abandon(String taskName, String reason) {
        abandoned.put(taskName, reason);
    }

    Map<String, String> abandoned() {
        return Map.copyOf(abandoned);
    }

    /** The job's task is over: it is no longer killed. */
    Optional<String> ended(String taskName) {
        kindOfTask(taskName).ifPresent(described::remove);
        return Optional.ofNullable(abandoned.remove(taskName));
    }

    /**
     * The job that runs or waits to, as the refusal of a second one names it: e.g. "a backup job runs
     * (backup of database bank to s3://…)".
     */
    Optional<String> busy(Map<String, TaskRecord> tasks) {
        for (BackupRequest.Kind kind : BackupRequest.Kind.values()) {
            TaskRecord task = tasks.get(taskName(kind));
            boolean live = task != null && !StoredTasks.mayLaunch(task);
            if (requested.containsKey(kind) || live) {
                String what = Optional.ofNullable(described.get(kind))
                        .orElse(kind.plan() + " started before the scheduler restarted, being stopped");
                return Optional.of("a " + kind.plan() + " job " + (live ? "runs" : "waits to launch") + " (" + what
                        + "); one backup or restore runs at a time: try again once it ended (GET /v1/plans/"
                        + kind.plan() + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * What the plan's one step shows: the request waiting for an offer, else the job's task as last
     * heard of (its progress while it runs), else how the last one ended, else never started.
     */
    static StepStatus step(BackupRequest.Kind kind, boolean waiting, Optional<TaskRecord> task,
                           Optional<String> abandonedReason, Optional<BackupOutcome> outcome) {
        if (waiting) {
            return new StepStatus(Status.STARTING, WAITING_FOR_OFFER);
        }
        if (abandonedReason.isPresent()) {
            return new StepStatus(Status.ERROR, abandonedReason.get());
        }
        if (task.isPresent() && !StoredTasks.mayLaunch(task.get())) {
            Optional<TaskStatus> status = StoredTasks.status(task.get());
            if (status.isEmpty()) {
                return new StepStatus(Status.STARTING, "launched, waiting for its first status");
            }
            return switch (status.get().getState()) {
                case TASK_RUNNING -> new StepStatus(Status.STARTED, progress(status.get()));
                case TASK_KILLING -> new StepStatus(Status.STARTING, "being killed");
                default -> new StepStatus(Status.STARTING, status.get().getState().name()
                        + ", waiting for TASK_RUNNING");
            };
        }
        if (outcome.isPresent()) {
            return switch (outcome.get().stage()) {
                case COMPLETE -> new StepStatus(Status.COMPLETE, outcome.get().message());
                case ERROR -> new StepStatus(Status.ERROR, outcome.get().message());
                // Asked for, and neither waiting nor launched: only seen in the instant of a restart.
                case REQUESTED -> new StepStatus(Status.ERROR, String.format(RESTARTED, kind.plan()));
            };
        }
        return BackupPlan.notStarted(kind);
    }

    /** The job's last progress: {@code phase=dumping bytes=1048576}, as the executor words it. */
    static String progress(TaskStatus running) {
        if (!running.getMessage().isBlank()) {
            return oneLine(running.getMessage());
        }
        Optional<String> phase = label(running, StatusLabels.PHASE);
        if (phase.isPresent()) {
            return "phase=" + phase.get() + label(running, StatusLabels.BYTES).map(b -> " bytes=" + b).orElse("");
        }
        return "running";
    }

    /** How a job's terminal status ends its step; {@code abandonedReason} wins over anything but success. */
    static BackupOutcome outcome(BackupRequest.Kind kind, TaskStatus terminal, Optional<String> abandonedReason) {
        if (terminal.getState() == TaskState.TASK_FINISHED) {
            return BackupOutcome.complete(terminal.getMessage().isBlank() ? kind.plan() + " finished"
                    : oneLine(terminal.getMessage()));
        }
        if (abandonedReason.isPresent()) {
            return BackupOutcome.error(abandonedReason.get());
        }
        String state = terminal.getState().name();
        return BackupOutcome.error(terminal.getMessage().isBlank() ? kind.plan() + " failed: " + state
                : oneLine(terminal.getMessage()));
    }

    private static Optional<String> label(TaskStatus status, String key) {
        return status.getLabels().getLabelsList().stream().filter(l -> l.getKey().equals(key)).map(org.apache.mesos.v1.Protos.Label::getValue)
                .findFirst();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
