package org.cockroachdb.mesos.executor.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cockroach child process with its stdout and stderr teed: every byte to a file in the sandbox,
 * every line to the caller (stdout) and to a bounded tail (stderr). It inherits the executor's
 * environment and runs in the sandbox.
 */
public final class CockroachProcess {
    private static final Logger LOG = LoggerFactory.getLogger(CockroachProcess.class);

    private final Process process;
    private final StderrTail stderrTail;
    private final CompletableFuture<Integer> exited;

    private CockroachProcess(Process process, StderrTail stderrTail, CompletableFuture<Integer> exited) {
        this.process = process;
        this.stderrTail = stderrTail;
        this.exited = exited;
    }

    /**
     * Starts {@code command}; output is appended to {@code stdoutFile} and {@code stderrFile} (a
     * restarted node keeps its history). {@link #exited()} completes once the process has exited
     * and both streams are drained, so the tail holds the last words.
     */
    public static CockroachProcess start(List<String> command, Path workDir, Path stdoutFile, Path stderrFile,
                                         int tailLines, Consumer<String> stdoutLines) throws IOException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).start();
        p.getOutputStream().close();
        StderrTail tail = new StderrTail(tailLines);
        CompletableFuture<Void> out = pump(p.getInputStream(), stdoutFile, stdoutLines, "cockroach-stdout-" + p.pid());
        CompletableFuture<Void> err = pump(p.getErrorStream(), stderrFile, tail::add, "cockroach-stderr-" + p.pid());
        // A grandchild holding the pipes open must not hide the exit: drain briefly, then report.
        CompletableFuture<Integer> exited = p.onExit().thenCompose(done -> CompletableFuture.allOf(out, err)
                .completeOnTimeout(null, 5, TimeUnit.SECONDS)
                .thenApply(drained -> done.exitValue()));
        return new CockroachProcess(p, tail, exited);
    }

    /**
     * Runs a short command (version, init) to completion and returns its exit code and combined
     * output, or {@link Result#timedOut()} after killing it.
     */
    public static Result run(List<String> command, Path workDir, Duration timeout) throws IOException {
        return run(command, workDir, timeout, started -> {});
    }

    /** As {@link #run(List, Path, Duration)}, telling {@code started} the process, so an owner that stops can kill it. */
    public static Result run(List<String> command, Path workDir, Duration timeout, Consumer<ProcessHandle> started)
            throws IOException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        started.accept(p.toHandle());
        p.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = p.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, output.getNow(""), true);
            }
            return new Result(p.exitValue(), output.get(5, TimeUnit.SECONDS), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + command.get(0), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue(), "", false);
        }
    }

    /** What a short command did. */
    public record Result(int exitCode, String output, boolean timedOut) {}

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, once the process exited and its output was drained. */
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    public StderrTail stderrTail() {
        return stderrTail;
    }

    /**
     * SIGTERM: cockroach drains gracefully. Through the handle, since {@link Process#destroy()}
     * also closes our ends of its pipes and the drain's last words would be lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL, to the process and anything it started. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.toHandle().destroyForcibly();
    }

    private static CompletableFuture<Void> pump(InputStream in, Path file, Consumer<String> lines, String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in;
                 OutputStream copy = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    copy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    copy.flush();
                    try {
                        lines.accept(line);
                    } catch (RuntimeException e) {
                        LOG.warn("handling a line of cockroach output failed", e);
                    }
                }
            } catch (IOException e) {
                LOG.warn("copying cockroach output to {} failed: {}", file, e.getMessage());
            } finally {
                done.complete(null);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return done;
    }
}
