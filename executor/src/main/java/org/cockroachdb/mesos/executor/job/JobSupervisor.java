package org.cockroachdb.mesos.executor.job;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.job.backup.AwsCredentials;
import org.cockroachdb.mesos.executor.spec.InvalidLaunchSpecException;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.executor.supervise.KillGrace;
import org.cockroachdb.mesos.executor.supervise.StatusSink;
import org.cockroachdb.mesos.executor.supervise.TaskSupervisor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job task to its end: TASK_STARTING and TASK_RUNNING, progress as throttled TASK_RUNNING
 * updates ({@code phase=<p> bytes=<n>}), then exactly one of TASK_FINISHED (with a short summary),
 * TASK_FAILED (with the one-line reason) or TASK_KILLED (SIGTERM to the job's children and its kill
 * actions, SIGKILL after the grace period). The work runs on its own thread.
 */
public final class JobSupervisor implements TaskSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(JobSupervisor.class);
    /** After SIGKILL, how long the work may take to notice before TASK_KILLED is sent anyway. */
    static final Duration STRAGGLER_WAIT = Duration.ofSeconds(10);

    private final TaskInfo task;
    private final Function<JobSpec, Job> jobs;
    private final StatusSink sink;
    private final boolean killingStateSupported;
    private final JobContext context;
    private final ScheduledExecutorService timers;
    private final CompletableFuture<TaskState> terminated = new CompletableFuture<>();
    private final Object lock = new Object();
    private volatile Thread worker;

    // Guarded by lock.
    private boolean killRequested;
    private ProgressThrottle throttle = ProgressThrottle.sentAt(System.nanoTime());
    private TaskStatus pendingProgress;
    private boolean flushScheduled;

    /**
     * @param environment           the task's environment (credentials arrive there, never in the spec)
     * @param killingStateSupported the framework has the TASK_KILLING_STATE capability
     */
    public JobSupervisor(TaskInfo task, java.nio.file.Path sandbox, StatusSink sink, boolean killingStateSupported,
                         Map<String, String> environment) {
        this(task, sandbox, sink, killingStateSupported, environment, Job::of);
    }

    /** @param jobs what runs a spec: {@link Job#of} but in tests of the supervisor's own rules */
    JobSupervisor(TaskInfo task, java.nio.file.Path sandbox, StatusSink sink, boolean killingStateSupported,
                  Map<String, String> environment, Function<JobSpec, Job> jobs) {
        this.jobs = jobs;
        this.task = task;
        this.sink = sink;
        this.killingStateSupported = killingStateSupported;
        this.context = new JobContext(sandbox, environment, this::progress);
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-timers-" + task.getTaskId().getValue());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String taskId() {
        return task.getTaskId().getValue();
    }

    @Override
    public void start() {
        Thread t = new Thread(this::run, "job-" + taskId());
        t.setDaemon(true);
        worker = t;
        t.start();
    }

    @Override
    public void kill(Duration grace) {
        synchronized (lock) {
            if (terminated.isDone() || killRequested) {
                return;
            }
            killRequested = true;
            pendingProgress = null;
            if (killingStateSupported) {
                sink.send(status(TaskState.TASK_KILLING, "stopping the job").build());
            }
        }
        LOG.info("Task {}: killed; SIGTERM to the job's processes, SIGKILL after {} s", taskId(), grace.toSeconds());
        context.terminate();
        timers.schedule(context::forceKill, grace.toMillis(), TimeUnit.MILLISECONDS);
        timers.schedule(() -> finish(TaskState.TASK_KILLED, "killed; the job did not stop within the grace period"),
                grace.plus(STRAGGLER_WAIT).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<TaskState> terminated() {
        return terminated;
    }

    @Override
    public void stopNow(Duration grace) {
        context.terminate();
        Thread t = worker;
        if (t != null) {
            try {
                t.join(grace.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        context.forceKill();
    }

    @Override
    public Duration killGrace(KillPolicy killEventPolicy) {
        return KillGrace.of(killEventPolicy, task);
    }

    @Override
    public Duration taskKillGrace() {
        return KillGrace.ofTask(task);
    }

    private void run() {
        JobSpec spec;
        try {
            spec = JobSpec.fromJson(task.getData().toByteArray());
        } catch (InvalidLaunchSpecException e) {
            LOG.error("Task {}: invalid job spec: {}", taskId(), e.getMessage());
            finish(TaskState.TASK_FAILED, "invalid job spec: " + e.getMessage());
            return;
        }
        Job job = jobs.apply(spec);
        synchronized (lock) {
            if (killRequested) {
                finish(TaskState.TASK_KILLED, "killed before the job started");
                return;
            }
            sink.send(status(TaskState.TASK_STARTING, "job: " + job.describe()).build());
            sink.send(status(TaskState.TASK_RUNNING, "running: " + job.describe()).build());
            throttle = ProgressThrottle.sentAt(System.nanoTime());
        }
        LOG.info("Task {}: running the job: {}", taskId(), job.describe());
        try {
            String summary = job.run(context);
            LOG.info("Task {}: the job finished: {}", taskId(), summary);
            finish(TaskState.TASK_FINISHED, OneLine.of(summary, Job.SUMMARY_CHARS));
        } catch (JobFailure f) {
            ended(f.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended("interrupted");
        } catch (RuntimeException e) {
            // The exception's text may quote a credential: neither the log nor the status gets it raw.
            ended("the job failed: " + e);
        }
    }

    private void ended(String rawReason) {
        String reason = AwsCredentials.redact(context.environment(), rawReason);
        if (context.killed()) {
            LOG.info("Task {}: the job stopped after the kill: {}", taskId(), reason);
            finish(TaskState.TASK_KILLED, "killed: " + reason);
        } else {
            LOG.error("Task {}: the job failed: {}", taskId(), reason);
            finish(TaskState.TASK_FAILED, reason);
        }
    }

    /** From the job's thread: send now if the throttle allows, else hold the latest until it does. */
    private void progress(String phase, long bytes) {
        TaskStatus update = status(TaskState.TASK_RUNNING, "phase=" + phase + " bytes=" + bytes)
                .setLabels(Labels.newBuilder().addLabels(label(StatusLabels.PHASE, phase))
                        .addLabels(label(StatusLabels.BYTES, String.valueOf(bytes))))
                .build();
        synchronized (lock) {
            if (terminated.isDone() || killRequested) {
                return;
            }
            long now = System.nanoTime();
            long wait = throttle.waitNanos(now);
            if (wait == 0 && !flushScheduled) {
                sink.send(update);
                throttle = ProgressThrottle.sentAt(now);
                return;
            }
            pendingProgress = update;
            if (!flushScheduled) {
                flushScheduled = true;
                timers.schedule(this::flushProgress, wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void flushProgress() {
        synchronized (lock) {
            flushScheduled = false;
            if (pendingProgress != null && !terminated.isDone() && !killRequested) {
                sink.send(pendingProgress);
                throttle = ProgressThrottle.sentAt(System.nanoTime());
            }
            pendingProgress = null;
        }
    }

    private void finish(TaskState state, String message) {
        synchronized (lock) {
            if (terminated.isDone()) {
                return;
            }
            pendingProgress = null;
            sink.send(status(state, message).build());
            terminated.complete(state);
        }
        context.forceKill(); // nothing a job started outlives its task
        timers.shutdownNow();
    }

    private TaskStatus.Builder status(TaskState state, String message) {
        TaskStatus.Builder b = TaskStatus.newBuilder().setTaskId(task.getTaskId()).setState(state);
        if (message != null && !message.isEmpty()) {
            b.setMessage(message);
        }
        return b;
    }

    private static Label label(String key, String value) {
        return Label.newBuilder().setKey(key).setValue(value).build();
    }
}
