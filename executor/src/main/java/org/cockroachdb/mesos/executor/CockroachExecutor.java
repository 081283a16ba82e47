package org.cockroachdb.mesos.executor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.executor.job.JobSupervisor;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.supervise.NodeSupervisor;
import org.cockroachdb.mesos.executor.supervise.StatusSink;
import org.cockroachdb.mesos.executor.supervise.TaskSupervisor;
import org.cockroachdb.mesos.http.executor.ExecutorListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor's reaction to the agent's events: a {@link NodeSupervisor} per launched node task (a
 * {@link JobSupervisor} when the task's data is a {@link JobSpec}), KILL
 * and SHUTDOWN passed on with their grace periods, and {@link #finished()} once every task has
 * ended and its last update was acknowledged (or the agent is gone).
 */
public final class CockroachExecutor implements ExecutorListener {
    private static final Logger LOG = LoggerFactory.getLogger(CockroachExecutor.class);

    private final Path sandbox;
    private final Duration shutdownGrace;
    private final StatusSink sink;
    /** Whether the agent still holds updates of ours it has not acknowledged. */
    private final BooleanSupplier updatesPending;
    /** The task's environment, which Mesos makes the executor's own; jobs read credentials from it. */
    private final Map<String, String> environment;
    private final Map<String, TaskSupervisor> supervisors = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile boolean killingStateSupported;
    private volatile boolean shuttingDown;

    /**
     * @param shutdownGrace  the agent's {@code MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD}: after SHUTDOWN the
     *                       executor is destroyed then, so cockroach must be stopped before
     * @param updatesPending true while the agent has not acknowledged every update sent
     */
    public CockroachExecutor(Path sandbox, Duration shutdownGrace, StatusSink sink, BooleanSupplier updatesPending) {
        this(sandbox, shutdownGrace, sink, updatesPending, System.getenv());
    }

    /** @param environment what jobs see as the task's environment (the process's own in production) */
    public CockroachExecutor(Path sandbox, Duration shutdownGrace, StatusSink sink, BooleanSupplier updatesPending,
                             Map<String, String> environment) {
        this.sandbox = sandbox;
        this.shutdownGrace = shutdownGrace;
        this.sink = sink;
        this.updatesPending = updatesPending;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void received(Event event) {
        switch (event.getType()) {
            case SUBSCRIBED -> subscribed(event.getSubscribed().getFrameworkInfo());
            case LAUNCH -> launch(event.getLaunch().getTask());
            case LAUNCH_GROUP -> event.getLaunchGroup().getTaskGroup().getTasksList().forEach(t -> sink.send(
                    TaskStatus.newBuilder().setTaskId(t.getTaskId()).setState(TaskState.TASK_FAILED)
                            .setMessage("this executor runs single tasks (LAUNCH), not task groups").build()));
            case KILL -> kill(event.getKill());
            case SHUTDOWN -> shutdown("the agent asked the executor to shut down");
            case ACKNOWLEDGED -> checkFinished();
            case ERROR -> LOG.error("The agent reported an error: {}", event.getError().getMessage());
            default -> LOG.debug("Ignoring {}", event.getType());
        }
    }

    @Override
    public void disconnected(String reason) {
        LOG.warn("Disconnected from the agent: {}", reason);
    }

    @Override
    public void gaveUp(String reason) {
        shutdown("the agent is gone: " + reason);
        // nobody will acknowledge anything any more
        allEnded.thenRun(() -> finished.complete(null));
    }

    /** Completes once every task ended and the agent acknowledged the last updates. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** Completes once every task ended (its terminal update sent, perhaps not yet acknowledged). */
    public CompletableFuture<Void> allEnded() {
        return allEnded;
    }

    /** For the JVM shutdown hook: stop every cockroach still running, SIGKILL after the grace period. */
    public void stopAll() {
        supervisors.values().forEach(s -> s.stopNow(shutdownGrace));
    }

    private void subscribed(FrameworkInfo framework) {
        killingStateSupported = framework.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
        LOG.info("Subscribed to the agent (framework {}, TASK_KILLING_STATE {})", framework.getId().getValue(),
                killingStateSupported);
    }

    private void launch(TaskInfo task) {
        String id = task.getTaskId().getValue();
        if (shuttingDown || supervisors.containsKey(id)) {
            LOG.warn("Ignoring LAUNCH of task {}: {}", id, shuttingDown ? "shutting down" : "already launched");
            return;
        }
        boolean job = JobSpec.describesJob(task.getData().toByteArray());
        LOG.info("Launching {} task {}", job ? "job" : "node", id);
        TaskSupervisor supervisor = job ? new JobSupervisor(task, sandbox, sink, killingStateSupported, environment)
                : new NodeSupervisor(task, sandbox, sink, killingStateSupported);
        supervisors.put(id, supervisor);
        supervisor.terminated().thenRun(this::checkEnded);
        supervisor.start();
    }

    private void kill(Event.Kill kill) {
        String id = kill.getTaskId().getValue();
        TaskSupervisor supervisor = supervisors.get(id);
        if (supervisor == null) {
            LOG.warn("KILL for task {}, which this executor does not run", id);
            return;
        }
        supervisor.kill(supervisor.killGrace(kill.hasKillPolicy() ? kill.getKillPolicy() : null));
    }

    private void shutdown(String why) {
        LOG.info("Shutting down: {}", why);
        shuttingDown = true;
        if (supervisors.isEmpty()) {
            allEnded.complete(null);
            checkFinished();
            return;
        }
        for (TaskSupervisor s : supervisors.values()) {
            // the agent destroys the container after its shutdown grace period; stop cockroach first
            Duration margin = shutdownGrace.dividedBy(10);
            Duration grace = min(s.taskKillGrace(), shutdownGrace.minus(margin));
            s.kill(grace);
        }
    }

    private void checkEnded() {
        List<TaskSupervisor> all = List.copyOf(supervisors.values());
        if (!all.isEmpty() && all.stream().allMatch(s -> s.terminated().isDone())) {
            allEnded.complete(null);
        }
        checkFinished();
    }

    private void checkFinished() {
        if (allEnded.isDone() && !updatesPending.getAsBoolean()) {
            finished.complete(null);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
