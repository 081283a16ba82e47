package org.cockroachdb.mesos.executor.supervise;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.cockroach.CockroachArgv;
import org.cockroachdb.mesos.executor.cockroach.InitOutcome;
import org.cockroachdb.mesos.executor.cockroach.StartupOutput;
import org.cockroachdb.mesos.executor.process.CockroachProcess;
import org.cockroachdb.mesos.http.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cockroach node for one task and reports on it: TASK_STARTING when spawned, TASK_RUNNING
 * once {@code /health} answers, readiness and health changes, {@code cockroach init} once if asked,
 * and exactly one terminal update (FAILED when cockroach dies or stays unhealthy, KILLED after a
 * kill). All state lives on one thread; checks, init and the process report back to it.
 */
public final class NodeSupervisor implements TaskSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSupervisor.class);

    public static final String STDOUT_FILE = "cockroach.stdout";
    public static final String STDERR_FILE = "cockroach.stderr";
    static final int STDERR_TAIL_LINES = 20;
    static final int FAILURE_MESSAGE_TAIL_CHARS = 1024;
    /** cockroach prints its node id in the startup block, right around when it turns ready. */
    static final Duration NODE_ID_WAIT = Duration.ofSeconds(5);
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(90);

    private enum KillCause { KILL, HEALTH }

    private final TaskInfo task;
    private final Path sandbox;
    private final StatusSink sink;
    private final boolean killingStateSupported;
    private final ScheduledExecutorService loop;
    /** Version detection and init: child processes waited for off the loop. */
    private final ExecutorService blocking;
    private final CompletableFuture<TaskState> terminated = new CompletableFuture<>();
    private final Backoff initBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Backoff.Jitter.FULL);

    // Confined to the loop thread.
    private NodeStatus status;
    private Preparation.Ready ready;
    private volatile CockroachProcess process;
    private HttpCheck http;
    private boolean runningSent;
    private boolean probing;
    private boolean healthProbing;
    private boolean initInFlight;
    private long readyWithoutNodeIdSince = -1;
    private HealthCounter health;
    private String lastHealthError = "";
    private KillCause killCause;
    private String killMessage;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    /** Short commands (init) started so far: killed when the task ends, so none outlives the executor. */
    private final Set<ProcessHandle> commands = ConcurrentHashMap.newKeySet();

    /**
     * @param killingStateSupported the framework has the TASK_KILLING_STATE capability
     */
    public NodeSupervisor(TaskInfo task, Path sandbox, StatusSink sink, boolean killingStateSupported) {
        this.task = task;
        this.sandbox = sandbox.toAbsolutePath().normalize();
        this.sink = sink;
        this.killingStateSupported = killingStateSupported;
        this.status = NodeStatus.initial(task.getTaskId());
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervisor-" + task.getTaskId().getValue());
            t.setDaemon(true);
            return t;
        });
        this.blocking = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "supervisor-commands-" + task.getTaskId().getValue());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String taskId() {
        return task.getTaskId().getValue();
    }

    /** Prepares and starts the node in the background. */
    @Override
    public void start() {
        CompletableFuture.supplyAsync(() -> Preparation.of(task, sandbox), blocking)
                .whenComplete((p, failure) -> onLoop(() -> prepared(p, failure)));
    }

    /** KILL: SIGTERM (cockroach drains), SIGKILL after {@code grace}, then TASK_KILLED. */
    @Override
    public void kill(Duration grace) {
        onLoop(() -> killFor(KillCause.KILL, grace, "killed"));
    }

    /** Completes with the terminal state once its update was handed to the sink. */
    @Override
    public CompletableFuture<TaskState> terminated() {
        return terminated;
    }

    /** The cockroach process id while it runs (for diagnostics and tests). */
    public OptionalLong pid() {
        CockroachProcess p = process;
        return p != null && p.isAlive() ? OptionalLong.of(p.pid()) : OptionalLong.empty();
    }

    /**
     * For the JVM shutdown hook: SIGTERM, wait up to {@code grace}, SIGKILL, without the loop
     * (which may be gone). Never leaves cockroach behind.
     */
    @Override
    public void stopNow(Duration grace) {
        commands.forEach(ProcessHandle::destroyForcibly);
        CockroachProcess p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.terminate();
        try {
            p.exited().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            p.kill();
        }
    }

    // ---------------------------------------------------------------- start

    private void prepared(Preparation p, Throwable failure) {
        if (terminated.isDone()) {
            return;
        }
        if (killCause != null) {
            finish(TaskState.TASK_KILLED, "killed before cockroach started", null);
            return;
        }
        if (failure != null) {
            finish(TaskState.TASK_FAILED, "preparing the node failed: " + failure, null);
            return;
        }
        if (p instanceof Preparation.Refused refused) {
            LOG.error("Task {}: {}", taskId(), refused.reason());
            finish(TaskState.TASK_FAILED, refused.reason(), null);
            return;
        }
        ready = (Preparation.Ready) p;
        List<String> command = ready.command(CockroachArgv.startArgv(ready.spec(), sandbox, ready.family()));
        try {
            process = CockroachProcess.start(command, sandbox, sandbox.resolve(STDOUT_FILE), sandbox.resolve(STDERR_FILE),
                    STDERR_TAIL_LINES, this::stdoutLine);
        } catch (IOException e) {
            finish(TaskState.TASK_FAILED, "cannot start " + command.get(0) + ": " + e.getMessage(), null);
            return;
        }
        LOG.info("Task {}: cockroach {} ({}) started as pid {}: {}", taskId(), ready.version().tag(), ready.family(),
                process.pid(), command);
        process.exited().whenComplete((code, f) -> onLoop(() -> exited(code == null ? -1 : code)));
        var checks = ready.spec().checks();
        http = new HttpCheck(checks.checkTimeout());
        health = HealthCounter.initial(checks.healthMaxFailures());
        sink.send(status.toStatus(TaskState.TASK_STARTING,
                "cockroach " + ready.version().tag() + " started as pid " + process.pid()).build());
        timers.add(loop.scheduleWithFixedDelay(logged("readiness check", this::readinessTick), 0,
                checks.readinessInterval().toMillis(), TimeUnit.MILLISECONDS));
        timers.add(loop.scheduleWithFixedDelay(logged("health check", this::healthTick),
                checks.healthGracePeriod().toMillis(), checks.healthInterval().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** A scheduled task that throws is cancelled without a word; a check must keep running and say why. */
    private Runnable logged(String what, Runnable tick) {
        return () -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                LOG.error("Task {}: the {} failed: {}", taskId(), what, e.toString(), e);
            }
        };
    }

    /** On a reader thread: only the node id matters here. */
    private void stdoutLine(String line) {
        StartupOutput.nodeId(line).ifPresent(id -> onLoop(() -> {
            LOG.info("Task {}: cockroach node id {}", taskId(), id);
            boolean passedWithoutId = status.nodeId().isEmpty() && status.readiness() == Readiness.PASSED;
            status = status.withNodeId(id);
            if (passedWithoutId && !stopping()) {
                sink.send(status.toStatus(TaskState.TASK_RUNNING, "cockroach node id " + id).build());
            }
        }));
    }

    // ---------------------------------------------------------------- readiness (and first /health)

    private void readinessTick() {
        if (stopping() || probing) {
            return;
        }
        probing = true;
        String path = runningSent ? ready.family().readinessPath() : ready.family().healthPath();
        http.get(uri(path), ready.spec().checks().checkTimeout())
                .whenComplete((result, f) -> onLoop(() -> {
                    probing = false;
                    if (!stopping()) {
                        probed(result);
                    }
                }));
    }

    private void probed(HttpCheck.Result result) {
        if (!runningSent) {
            if (result.passed()) {
                runningSent = true;
                sink.send(status.toStatus(TaskState.TASK_RUNNING, "cockroach answers /health").build());
                startInit();
            }
            return;
        }
        if (result.passed() && status.nodeId().isEmpty() && status.readiness() != Readiness.PASSED) {
            long now = System.nanoTime();
            if (readyWithoutNodeIdSince < 0) {
                readyWithoutNodeIdSince = now;
            }
            if (now - readyWithoutNodeIdSince < NODE_ID_WAIT.toNanos()) {
                return; // report readiness with the node id, which is printed at about the same time
            }
        }
        if (result.passed() && initInFlight && status.readiness() != Readiness.PASSED) {
            return; // the node turns ready as init bootstraps it: report both together, init first
        }
        Readiness next = status.readiness().after(result.passed());
        if (next != status.readiness()) {
            status = status.withReadiness(next);
            LOG.info("Task {}: readiness {} ({})", taskId(), next.label(),
                    result.passed() ? "200" : result.error());
            sink.send(status.readinessUpdate(result.statusCode()));
        }
    }

    // ---------------------------------------------------------------- init

    private void startInit() {
        if (!ready.spec().initCluster() || status.clusterInitDone() || initInFlight || stopping()) {
            return;
        }
        initInFlight = true;
        List<String> command = ready.command(CockroachArgv.initArgv(ready.spec(), ready.family()));
        CompletableFuture.supplyAsync(() -> {
            try {
                return CockroachProcess.run(command, sandbox, INIT_TIMEOUT, commands::add);
            } catch (IOException e) {
                return new CockroachProcess.Result(-1, e.getMessage(), false);
            }
        }, blocking).whenComplete((result, f) -> onLoop(() -> initFinished(result, f)));
    }

    private void initFinished(CockroachProcess.Result result, Throwable failure) {
        initInFlight = false;
        commands.removeIf(h -> !h.isAlive());
        if (stopping()) {
            return;
        }
        InitOutcome outcome = failure != null || result.timedOut() ? InitOutcome.FAILED
                : InitOutcome.of(result.exitCode(), result.output());
        if (outcome.done()) {
            LOG.info("Task {}: cockroach init: {}", taskId(), outcome == InitOutcome.INITIALIZED
                    ? "cluster initialized" : "the cluster was already initialized");
            status = status.withClusterInitDone();
            sink.send(status.toStatus(TaskState.TASK_RUNNING, outcome == InitOutcome.INITIALIZED
                    ? "cluster initialized" : "cluster was already initialized").build());
            return;
        }
        Duration delay = initBackoff.next();
        String why = failure != null ? failure.toString() : result.timedOut() ? "timed out"
                : "exit code " + result.exitCode() + ": " + oneLine(result.output());
        LOG.warn("Task {}: cockroach init failed ({}); retrying in {} ms", taskId(), why, delay.toMillis());
        timers.add(loop.schedule(this::startInit, delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    // ---------------------------------------------------------------- health

    private void healthTick() {
        if (stopping() || healthProbing) {
            return;
        }
        healthProbing = true;
        http.get(uri(ready.family().healthPath()), ready.spec().checks().checkTimeout())
                .whenComplete((result, f) -> onLoop(() -> {
                    healthProbing = false;
                    if (!stopping()) {
                        healthChecked(result);
                    }
                }));
    }

    private void healthChecked(HttpCheck.Result result) {
        HealthCounter before = health;
        health = health.after(result.passed());
        if (!result.passed()) {
            lastHealthError = result.error();
            LOG.warn("Task {}: health check failed ({} in a row): {}", taskId(), health.consecutiveFailures(),
                    result.error());
        }
        if (health.changedFrom(before)) {
            status = status.withHealthy(health.healthy());
            if (runningSent) {
                sink.send(status.healthUpdate(result.passed() ? "healthy" : "unhealthy: " + result.error()));
            }
        }
        if (health.exhausted()) {
            killFor(KillCause.HEALTH, KillGrace.ofTask(task), "health check failed " + health.consecutiveFailures()
                    + " times in a row: " + lastHealthError);
        }
    }

    // ---------------------------------------------------------------- stopping

    private void killFor(KillCause cause, Duration grace, String message) {
        if (terminated.isDone() || killCause != null) {
            return;
        }
        killCause = cause;
        killMessage = message;
        if (process == null) {
            if (ready == null && cause == KillCause.KILL) {
                return; // preparing: prepared() ends the task as killed
            }
            finish(cause == KillCause.KILL ? TaskState.TASK_KILLED : TaskState.TASK_FAILED, message, null);
            return;
        }
        LOG.info("Task {}: {}; SIGTERM to cockroach (pid {}), SIGKILL after {} s", taskId(), message, process.pid(),
                grace.toSeconds());
        if (killingStateSupported && cause == KillCause.KILL) {
            sink.send(status.toStatus(TaskState.TASK_KILLING, "draining cockroach").build());
        }
        process.terminate();
        CockroachProcess p = process;
        timers.add(loop.schedule(() -> {
            if (p.isAlive()) {
                LOG.warn("Task {}: cockroach did not exit within {} s of SIGTERM; SIGKILL", taskId(), grace.toSeconds());
                p.kill();
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void exited(int code) {
        if (terminated.isDone()) {
            return;
        }
        if (killCause == KillCause.KILL) {
            finish(TaskState.TASK_KILLED, "cockroach exited with code " + code + " after being " + killMessage, null);
        } else if (killCause == KillCause.HEALTH) {
            finish(TaskState.TASK_FAILED, killMessage, TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED);
        } else {
            String tail = process.stderrTail().joined(FAILURE_MESSAGE_TAIL_CHARS);
            String message = "cockroach exited with code " + code + (tail.isEmpty() ? "" : ": " + tail);
            LOG.error("Task {}: {}", taskId(), message);
            finish(TaskState.TASK_FAILED, message, null);
        }
    }

    private void finish(TaskState state, String message, TaskStatus.Reason reason) {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        TaskStatus.Builder update = status.toStatus(state, message);
        if (reason != null) {
            update.setReason(reason);
        }
        commands.forEach(ProcessHandle::destroyForcibly);
        sink.send(update.build());
        terminated.complete(state);
        loop.shutdown();
        blocking.shutdown();
    }

    private boolean stopping() {
        return killCause != null || terminated.isDone();
    }

    private URI uri(String path) {
        String host = ready.spec().listenHost().isEmpty() ? "127.0.0.1" : ready.spec().listenHost();
        return URI.create("http://" + host + ":" + ready.spec().httpPort() + path);
    }

    private void onLoop(Runnable action) {
        if (loop.isShutdown()) {
            return;
        }
        try {
            loop.execute(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.error("Task {}: supervisor step failed", taskId(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // finished meanwhile: nothing more to report
        }
    }

    private static String oneLine(String text) {
        String joined = String.join(" | ", text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return joined.length() > 300 ? joined.substring(0, 300) + "..." : joined;
    }

    /** The grace period for a KILL event with this policy (may be null): see {@link KillGrace#of}. */
    @Override
    public Duration killGrace(KillPolicy killEventPolicy) {
        return KillGrace.of(killEventPolicy, task);
    }

    /** The grace period the task's own kill policy gives (or the default), for SHUTDOWN and the shutdown hook. */
    @Override
    public Duration taskKillGrace() {
        return KillGrace.ofTask(task);
    }
}
