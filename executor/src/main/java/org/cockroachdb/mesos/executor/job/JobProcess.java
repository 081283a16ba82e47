package org.cockroachdb.mesos.executor.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.cockroachdb.mesos.executor.process.StderrTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process of a job: stdout and stdin are the job's to stream (a dump is bytes, not lines),
 * stderr is teed to a sandbox file and a bounded tail for the failure message.
 */
public final class JobProcess {
    private static final Logger LOG = LoggerFactory.getLogger(JobProcess.class);
    static final int STDERR_TAIL_LINES = 20;

    private final Process process;
    private final StderrTail stderrTail;
    private final CompletableFuture<Void> stderrDrained;

    private JobProcess(Process process, StderrTail stderrTail, CompletableFuture<Void> stderrDrained) {
        this.process = process;
        this.stderrTail = stderrTail;
        this.stderrDrained = stderrDrained;
    }

    /**
     * Starts {@code command} in {@code workDir} with the executor's environment plus {@code environment};
     * stdin is closed at once unless {@code keepStdin}.
     */
    static JobProcess start(List<String> command, Path workDir, Map<String, String> environment, Path stderrFile,
                            boolean keepStdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!keepStdin) {
            p.getOutputStream().close();
        }
        StderrTail tail = new StderrTail(STDERR_TAIL_LINES);
        return new JobProcess(p, tail, pump(p.getErrorStream(), stderrFile, tail, "job-stderr-" + p.pid()));
    }

    public InputStream stdout() {
        return process.getInputStream();
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public StderrTail stderrTail() {
        return stderrTail;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Copies stdout to {@code file} in the background, for a child whose output nobody reads (its pipe must not fill). */
    public void stdoutToFile(Path file) {
        Thread t = new Thread(() -> {
            try (InputStream in = process.getInputStream();
                 OutputStream copy = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                in.transferTo(copy);
            } catch (IOException e) {
                LOG.warn("copying a job's stdout to {} failed: {}", file, e.getMessage());
            }
        }, "job-stdout-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    /** The exit code once the process exited and its stderr was drained (a grandchild may hold it: 5 s at most). */
    public int waitFor() throws InterruptedException {
        int code = process.waitFor();
        try {
            stderrDrained.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the tail has what arrived
        }
        return code;
    }

    /** SIGTERM; through the handle, so our ends of the pipes stay open for the last words. */
    void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL, to the process and anything it started. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.toHandle().destroyForcibly();
    }

    private static CompletableFuture<Void> pump(InputStream in, Path file, StderrTail tail, String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in;
                 OutputStream copy = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    copy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    copy.flush();
                    tail.add(line);
                }
            } catch (IOException e) {
                LOG.warn("copying a job's stderr to {} failed: {}", file, e.getMessage());
            } finally {
                done.complete(null);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return done;
    }
}
