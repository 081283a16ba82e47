package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.executor.MesosDuration;
import org.cockroachdb.mesos.testkit.emulator.fetch.FetchException;
import org.cockroachdb.mesos.testkit.emulator.fetch.Fetcher;
import org.cockroachdb.mesos.testkit.emulator.resources.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's containerizer, without containers: sandboxes and volume links on disk, the fetcher,
 * executors and command tasks as real child processes with Mesos's environment, and what happens
 * when they exit, are killed, or never register.
 */
final class Processes {
    private static final Logger LOG = LoggerFactory.getLogger(Processes.class);
    /** The command executor's default grace between SIGTERM and SIGKILL. */
    private static final Duration COMMAND_KILL_GRACE = Duration.ofSeconds(3);

    private final Cluster c;
    /** How long closing waits for fetches to notice they were interrupted. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Fetcher fetcher = new Fetcher();
    private final ChildProcesses children = new ChildProcesses();
    private final ExecutorService blocking = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "emulator-containerizer");
        t.setDaemon(true);
        return t;
    });

    Processes(Cluster c) {
        this.c = c;
    }

    // ---------------------------------------------------------------- launch

    /**
     * Starts a task the master accepted. Sandboxes are made before anything is registered, so a
     * disk that refuses them leaves no executor behind: the task fails as a launch failure, as
     * when Mesos cannot create its container.
     */
    void launch(Framework f, Agent a, TaskInfo task, ExecutorInfo executorInfo, Executor existing,
                Resources taskResources, Resources executorResources) {
        if (executorInfo == null) {
            Path sandbox = runDirectory(a, f, task.getTaskId().getValue(), UUID.randomUUID().toString());
            Task t = agentRunTask(new Task(task, f, a, null, taskResources));
            if (prepared(t, sandbox, taskResources)) {
                startCommand(t, sandbox);
            }
            return;
        }
        Executor e = existing;
        if (e == null) {
            String containerId = UUID.randomUUID().toString();
            Path sandbox = runDirectory(a, f, executorInfo.getExecutorId().getValue(), containerId);
            try {
                createSandbox(a, sandbox, executorResources);
            } catch (IOException ex) {
                // no executor: the agent itself answers for the task (a KILL meanwhile ends it at once)
                taskLaunchFailed(agentRunTask(new Task(task, f, a, null, taskResources)), ex.getMessage());
                return;
            }
            e = new Executor(executorInfo, f, a, containerId, sandbox, executorResources);
            e.builtin = executorInfo.getType() == ExecutorInfo.Type.DEFAULT;
            a.executors.put(f.id + "/" + e.id(), e);
            if (!e.builtin) {
                startExecutor(e);
            }
        }
        Task t = new Task(task, f, a, e, taskResources);
        t.builtin = e.builtin;
        a.tasks.put(t.key(), t);
        Path sandbox = e.builtin ? e.sandbox.resolve("tasks").resolve(t.id()) : e.sandbox;
        if (!prepared(t, sandbox, taskResources)) {
            return;
        }
        if (e.builtin) {
            startCommand(t, sandbox);
        } else if (e.subscribed()) {
            c.executorChannel.deliver(e, t);
        } else {
            e.queued.add(t);
        }
    }

    /** A task the agent runs itself: a command task, or one whose executor could not be made. */
    private static Task agentRunTask(Task t) {
        t.builtin = true;
        t.agent.tasks.put(t.key(), t);
        return t;
    }

    /** Makes the task's sandbox; false (and the task failing) if the disk refuses. */
    private boolean prepared(Task t, Path sandbox, Resources resources) {
        try {
            createSandbox(t.agent, sandbox, resources);
            return true;
        } catch (IOException ex) {
            taskLaunchFailed(t, ex.getMessage());
            return false;
        }
    }

    /**
     * TASK_FAILED from the agent, after the ACCEPT is done (so a group's DEFAULT executor does not
     * end while the group is still being launched); the rest of a group is killed with it.
     */
    private void taskLaunchFailed(Task t, String why) {
        LOG.info("task {} could not be launched: {}", t.id(), why);
        c.later(() -> {
            c.agentUpdate(t, builtinStatus(t, TaskState.TASK_FAILED)
                    .setSource(TaskStatus.Source.SOURCE_AGENT)
                    .setReason(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED)
                    .setMessage("Failed to launch container: " + why).build());
            killGroupOf(t);
        });
    }

    void grouped(List<Task> tasks) {
        for (Task t : tasks) {
            t.group = List.copyOf(tasks);
        }
    }

    /** {@code <work_dir>/slaves/<agent>/frameworks/<framework>/executors/<id>/runs/<container id>}. */
    private static Path runDirectory(Agent a, Framework f, String executorId, String containerId) {
        return a.workDir.resolve("slaves").resolve(a.id).resolve("frameworks").resolve(f.id)
                .resolve("executors").resolve(executorId).resolve("runs").resolve(containerId);
    }

    /** Makes the sandbox and links each persistent volume at {@code sandbox/<container_path>}. */
    private static void createSandbox(Agent a, Path sandbox, Resources resources) throws IOException {
        try {
            Files.createDirectories(sandbox);
            for (Resource r : resources.toList()) {
                if (!Resources.isPersistentVolume(r)) {
                    continue;
                }
                Path link = sandbox.resolve(r.getDisk().getVolume().getContainerPath());
                Path target = a.volumeDir(r);
                Files.createDirectories(target);
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, target);
                }
            }
        } catch (IOException e) {
            throw new IOException("cannot prepare sandbox " + sandbox + ": " + e.getMessage(), e);
        }
    }

    private void startExecutor(Executor e) {
        e.registrationTimer = c.after(c.config.executorRegistrationTimeout(), () -> {
            if (!e.everSubscribed && !e.terminated) {
                LOG.info("executor {} did not subscribe within {}", e.id(), c.config.executorRegistrationTimeout());
                e.failureReason = TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT;
                destroy(e);
            }
        });
        Map<String, String> env = executorEnvironment(e);
        CommandInfo command = e.info.getCommand();
        blocking.execute(() -> {
            try {
                fetcher.fetch(command.getUrisList(), e.sandbox);
                Process p = children.spawn(command, env, e.sandbox);
                if (!c.later(() -> started(e, p))) {
                    ChildProcesses.kill(p.toHandle(), true); // the emulator closed meanwhile
                }
            } catch (FetchException | IOException ex) {
                c.later(() -> executorLaunchFailed(e, ex.getMessage()));
            }
        });
    }

    private void started(Executor e, Process p) {
        e.process = p;
        LOG.info("executor {} started as pid {}", e.id(), p.pid());
        p.onExit().thenAccept(x -> c.later(() -> exited(e, x.exitValue())));
        if (e.destroyRequested || e.terminated) {
            ChildProcesses.kill(p.toHandle(), true);
        }
    }

    private void executorLaunchFailed(Executor e, String why) {
        LOG.info("executor {} could not be launched: {}", e.id(), why);
        e.failureReason = TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED;
        terminate(e, -1, "Failed to launch container: " + why);
    }

    Map<String, String> executorEnvironment(Executor e) {
        Map<String, String> env = new HashMap<>(System.getenv());
        addCommandEnvironment(env, e.info.getCommand());
        Agent a = e.agent;
        String endpoint = a.spec.hostname() + ":" + a.port;
        env.put("MESOS_FRAMEWORK_ID", e.framework.id);
        env.put("MESOS_EXECUTOR_ID", e.id());
        env.put("MESOS_AGENT_ENDPOINT", endpoint);
        env.put("MESOS_SLAVE_PID", "slave(1)@" + endpoint);
        env.put("MESOS_SLAVE_ID", a.id);
        env.put("MESOS_DIRECTORY", e.sandbox.toString());
        env.put("MESOS_SANDBOX", e.sandbox.toString());
        env.put("MESOS_HTTP_COMMAND_EXECUTOR", "0");
        boolean checkpoint = e.framework.info.getCheckpoint();
        env.put("MESOS_CHECKPOINT", checkpoint ? "1" : "0");
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", MesosDuration.format(shutdownGrace(e)));
        if (checkpoint) {
            env.put("MESOS_RECOVERY_TIMEOUT", "15mins");
            env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs");
        }
        return env;
    }

    private static void addCommandEnvironment(Map<String, String> env, CommandInfo command) {
        for (Environment.Variable v : command.getEnvironment().getVariablesList()) {
            if (v.getType() != Environment.Variable.Type.SECRET) {
                env.put(v.getName(), v.getValue());
            }
        }
    }

    private Duration shutdownGrace(Executor e) {
        if (e.info.hasShutdownGracePeriod()) {
            return Duration.ofNanos(e.info.getShutdownGracePeriod().getNanoseconds());
        }
        return c.config.executorShutdownGracePeriod();
    }

    // ---------------------------------------------------------------- executor exit / shutdown

    private void exited(Executor e, int exitValue) {
        if (e.terminated) {
            return;
        }
        LOG.info("executor {} exited with {}", e.id(), exitValue);
        terminate(e, exitValue, "Executor terminated");
    }

    /** Every task the executor still had fails (or is killed, on shutdown); a FAILURE event follows. */
    private void terminate(Executor e, int exitValue, String message) {
        e.terminated = true;
        if (e.registrationTimer != null) {
            e.registrationTimer.cancel(false);
        }
        if (e.reregistrationTimer != null) {
            e.reregistrationTimer.cancel(false);
        }
        if (e.stream != null) {
            e.stream.close();
        }
        TaskStatus.Reason reason = e.failureReason != null ? e.failureReason : TaskStatus.Reason.REASON_EXECUTOR_TERMINATED;
        for (Task t : List.copyOf(e.agent.tasks.values())) {
            if (t.executor != e || Task.terminal(t.agentState)) {
                continue;
            }
            TaskState state = e.shuttingDown && e.failureReason == null ? TaskState.TASK_KILLED : TaskState.TASK_FAILED;
            c.agentUpdate(t, TaskStatus.newBuilder().setTaskId(t.info.getTaskId()).setState(state)
                    .setSource(TaskStatus.Source.SOURCE_AGENT).setReason(reason).setMessage(message).build());
        }
        e.queued.clear();
        e.agent.executors.remove(e.framework.id + "/" + e.id(), e);
        if (c.frameworks.containsKey(e.framework.id) && e.agent.reachable()) {
            Event.Failure.Builder failure = Event.Failure.newBuilder()
                    .setAgentId(AgentID.newBuilder().setValue(e.agent.id))
                    .setExecutorId(e.info.getExecutorId());
            if (exitValue >= 0) {
                failure.setStatus(Cluster.waitStatus(exitValue));
            }
            c.send(e.framework, Event.newBuilder().setType(Event.Type.FAILURE).setFailure(failure).build());
        }
        c.later(c.allocation::allocate);
    }

    /**
     * The DEFAULT executor exits by itself once every task it ran has ended: its resources come
     * back and it leaves the offers' {@code executor_ids}. A normal exit, so no FAILURE event.
     */
    void builtinTaskEnded(Executor e) {
        boolean busy = e.agent.tasks.values().stream().anyMatch(t -> t.executor == e && !Task.terminal(t.agentState));
        if (!busy) {
            retire(e);
        }
    }

    /** The executor is gone without anything to report: it simply stops holding resources. */
    void retire(Executor e) {
        if (e.terminated) {
            return;
        }
        LOG.info("executor {} has ended", e.id());
        e.terminated = true;
        if (e.registrationTimer != null) {
            e.registrationTimer.cancel(false);
        }
        if (e.reregistrationTimer != null) {
            e.reregistrationTimer.cancel(false);
        }
        e.queued.clear();
        e.agent.executors.remove(e.framework.id + "/" + e.id(), e);
        c.later(c.allocation::allocate);
    }

    /** SHUTDOWN: the executor is asked to stop, and destroyed after its grace period. */
    void shutdown(Executor e) {
        if (e.terminated) {
            return;
        }
        e.shuttingDown = true;
        if (e.builtin) {
            for (Task t : List.copyOf(e.agent.tasks.values())) {
                if (t.executor == e) {
                    killCommand(t, null);
                }
            }
            if (!e.terminated) { // its last task may already have ended it
                terminate(e, 0, "Executor shut down");
            }
            return;
        }
        if (e.subscribed()) {
            e.send(org.apache.mesos.v1.executor.Protos.Event.newBuilder()
                    .setType(org.apache.mesos.v1.executor.Protos.Event.Type.SHUTDOWN).build());
            c.after(shutdownGrace(e), () -> {
                if (!e.terminated) {
                    LOG.info("executor {} did not exit within its shutdown grace period; killing it", e.id());
                    destroy(e);
                }
            });
        } else {
            destroy(e);
        }
    }

    /** Forced: SIGKILL to the executor and everything it started. */
    void destroy(Executor e) {
        if (e.terminated) {
            return;
        }
        e.destroyRequested = true;
        if (e.process != null) {
            ChildProcesses.kill(e.process.toHandle(), true);
        }
    }

    // ---------------------------------------------------------------- volumes

    /**
     * DESTROY deletes the volume's data. The directory is renamed away at once, so a volume created
     * again with that id starts empty, and deleted in the background, off the loop.
     */
    void discardVolume(Agent a, Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path discarded = a.workDir.resolve("volumes").resolve("destroyed").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(discarded.getParent());
            Files.move(dir, discarded, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not move the destroyed volume {} aside: {}", dir, e.getMessage());
            return;
        }
        try {
            blocking.execute(() -> deleteRecursively(discarded));
        } catch (RejectedExecutionException closing) {
            // the agent's work directory is going away with the emulator
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete the destroyed volume {}: {}", dir, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- command tasks

    private void startCommand(Task t, Path sandbox) {
        CommandInfo command = t.info.getCommand();
        Map<String, String> env = new HashMap<>(System.getenv());
        addCommandEnvironment(env, command);
        env.put("MESOS_SANDBOX", sandbox.toString());
        env.put("MESOS_DIRECTORY", sandbox.toString());
        env.put("MESOS_TASK_ID", t.id());
        env.put("MESOS_FRAMEWORK_ID", t.framework.id);
        env.put("MESOS_AGENT_ENDPOINT", t.agent.spec.hostname() + ":" + t.agent.port);
        blocking.execute(() -> {
            try {
                fetcher.fetch(command.getUrisList(), sandbox);
                Process p = children.spawn(command, env, sandbox);
                if (!c.later(() -> commandStarted(t, p))) {
                    ChildProcesses.kill(p.toHandle(), true); // the emulator closed meanwhile
                }
            } catch (FetchException | IOException ex) {
                taskLaunchFailed(t, ex.getMessage());
            }
        });
    }

    private void commandStarted(Task t, Process p) {
        t.commandProcess = p;
        if (t.killRequested || !t.agent.tasks.containsKey(t.key())) {
            ChildProcesses.kill(p.toHandle(), true); // killed (and reported KILLED) while it was being fetched or spawned
            return;
        }
        c.agentUpdate(t, builtinStatus(t, TaskState.TASK_STARTING).build());
        c.agentUpdate(t, builtinStatus(t, TaskState.TASK_RUNNING).build());
        p.onExit().thenAccept(x -> c.later(() -> commandExited(t, x.exitValue())));
    }

    private void commandExited(Task t, int exitValue) {
        if (Task.terminal(t.agentState)) {
            return;
        }
        TaskStatus.Builder s;
        if (t.killRequested) {
            s = builtinStatus(t, TaskState.TASK_KILLED).setMessage("Command terminated with signal");
        } else if (exitValue == 0) {
            s = builtinStatus(t, TaskState.TASK_FINISHED).setMessage("Command exited with status 0");
        } else {
            s = builtinStatus(t, TaskState.TASK_FAILED).setMessage("Command exited with status " + exitValue)
                    .setReason(TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED);
        }
        c.agentUpdate(t, s.build());
        if (t.killRequested || exitValue != 0) {
            killGroupOf(t);
        }
    }

    /** A task of a DEFAULT executor's group that fails or is killed takes the others with it. */
    private void killGroupOf(Task t) {
        for (Task sibling : t.group) {
            if (sibling != t && sibling.builtin && !Task.terminal(sibling.agentState)) {
                killCommand(sibling, null);
            }
        }
    }

    private static TaskStatus.Builder builtinStatus(Task t, TaskState state) {
        return TaskStatus.newBuilder().setTaskId(t.info.getTaskId()).setState(state)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR);
    }

    void killCommand(Task t, KillPolicy policy) {
        if (Task.terminal(t.agentState) || t.killRequested) {
            return;
        }
        t.killRequested = true;
        if (t.framework.has(FrameworkInfo.Capability.Type.TASK_KILLING_STATE)) {
            c.agentUpdate(t, builtinStatus(t, TaskState.TASK_KILLING).build());
        }
        if (t.commandProcess == null) {
            c.agentUpdate(t, builtinStatus(t, TaskState.TASK_KILLED).build());
            return;
        }
        Duration grace = policy != null && policy.hasGracePeriod()
                ? Duration.ofNanos(policy.getGracePeriod().getNanoseconds())
                : t.info.hasKillPolicy() && t.info.getKillPolicy().hasGracePeriod()
                        ? Duration.ofNanos(t.info.getKillPolicy().getGracePeriod().getNanoseconds())
                        : COMMAND_KILL_GRACE;
        Process p = t.commandProcess;
        ChildProcesses.kill(p.toHandle(), false);
        c.after(grace, () -> {
            if (p.isAlive()) {
                ChildProcesses.kill(p.toHandle(), true);
            }
        });
    }

    void destroyCommand(Task t) {
        if (t.commandProcess != null) {
            ChildProcesses.kill(t.commandProcess.toHandle(), true);
        }
    }

    /**
     * Stops fetching and spawning, then kills whatever was spawned. A fetch that ignores the
     * interrupt (a local copy) may still spawn later: that process is killed at once.
     */
    void close() {
        blocking.shutdownNow();
        try {
            if (!blocking.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a fetch is still running after {}; what it spawns will be killed", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.close();
    }
}
