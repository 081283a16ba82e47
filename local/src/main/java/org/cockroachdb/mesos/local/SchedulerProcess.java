package org.cockroachdb.mesos.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of the scheduler as a child process, its stdout and stderr appended to a log file. */
final class SchedulerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerProcess.class);
    /** The scheduler exits 0 on SIGTERM; after this long it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Process process;

    private SchedulerProcess(Process process) {
        this.process = process;
    }

    static SchedulerProcess start(List<String> argv, Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        // a header per run, so restarts are easy to tell apart in one file
        Files.writeString(log, "==== scheduler started " + Instant.now() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        return new SchedulerProcess(pb.start());
    }

    Process process() {
        return process;
    }

    /** SIGTERM, then waits; SIGKILL if it does not exit within {@link #STOP_GRACE}. Returns the exit code. */
    int stop() {
        process.destroy();
        if (!waitFor(STOP_GRACE)) {
            LOG.warn("the scheduler (pid {}) did not exit within {} s of SIGTERM; killing it",
                    process.pid(), STOP_GRACE.toSeconds());
            return kill();
        }
        return process.exitValue();
    }

    /** SIGKILL, then waits for it to be gone. Returns the exit code. */
    int kill() {
        process.destroyForcibly();
        if (!waitFor(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the scheduler (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
        return process.exitValue();
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
