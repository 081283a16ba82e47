package org.cockroachdb.mesos.executor.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a running job may use: the sandbox, the task's environment (where credentials arrive), child
 * processes that a KILL reaches, actions a KILL runs (closing a connection ends a blocked statement),
 * and progress reports.
 */
public final class JobContext {
    private static final Logger LOG = LoggerFactory.getLogger(JobContext.class);
    public static final String STDOUT_FILE = "job.stdout";
    public static final String STDERR_FILE = "job.stderr";

    /** Where progress goes: the supervisor's throttled TASK_RUNNING updates. */
    @FunctionalInterface
    public interface ProgressSink {
        void progress(String phase, long bytes);
    }

    private final Path sandbox;
    private final Map<String, String> environment;
    private final ProgressSink progress;
    private final Set<JobProcess> processes = ConcurrentHashMap.newKeySet();
    private final List<Runnable> killActions = new CopyOnWriteArrayList<>();
    private volatile boolean killed;

    /**
     * @param environment the task's environment: the executor's own in production (Mesos puts the
     *                    CommandInfo's variables there); children get it too
     */
    public JobContext(Path sandbox, Map<String, String> environment, ProgressSink progress) {
        this.sandbox = sandbox.toAbsolutePath().normalize();
        this.environment = Map.copyOf(environment);
        this.progress = progress;
    }

    public Path sandbox() {
        return sandbox;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public void progress(String phase, long bytes) {
        progress.progress(phase, bytes);
    }

    /** Whether a KILL arrived: a job must not commit anything after that. */
    public boolean killed() {
        return killed;
    }

    /** The binary, absolute (a relative path is relative to the sandbox), refused unless executable. */
    public Path binary(String cockroachBinary) throws JobFailure {
        Path binary = sandbox.resolve(cockroachBinary).toAbsolutePath().normalize();
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            throw new JobFailure("cockroachBinary " + binary + " is not an executable file");
        }
        return binary;
    }

    /** Starts a child in the sandbox; stderr goes to {@link #STDERR_FILE} and its tail. */
    public JobProcess start(List<String> command, boolean keepStdin) throws IOException, JobFailure {
        if (killed) {
            throw new JobFailure("killed");
        }
        JobProcess p = JobProcess.start(command, sandbox, environment, sandbox.resolve(STDERR_FILE), keepStdin);
        processes.add(p);
        if (killed) {
            p.terminate(); // the KILL came while it started
        }
        return p;
    }

    /** Runs once on KILL, on the killing thread; must not block for long. */
    public void onKill(Runnable action) {
        killActions.add(action);
        if (killed) {
            action.run();
        }
    }

    /** KILL: SIGTERM to every child, then the kill actions. */
    void terminate() {
        killed = true;
        processes.forEach(JobProcess::terminate);
        for (Runnable action : killActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("a job's kill action failed: {}", e.toString());
            }
        }
    }

    /** After the grace period: SIGKILL to every child still alive. */
    void forceKill() {
        processes.stream().filter(JobProcess::isAlive).forEach(JobProcess::kill);
    }
}
