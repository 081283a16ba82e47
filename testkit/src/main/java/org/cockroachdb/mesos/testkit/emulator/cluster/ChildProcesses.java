package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * Every process the agents started (executors and command tasks) until it exits, so that closing
 * the emulator leaves none behind, even one whose spawn finished while it was closing.
 */
final class ChildProcesses {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(2);

    private final Set<Process> live = new HashSet<>(); // guarded by this
    private boolean closed; // guarded by this

    /** Runs {@code command} in {@code sandbox} as Mesos would, with exactly {@code env}. */
    Process spawn(CommandInfo command, Map<String, String> env, Path sandbox) throws IOException {
        List<String> argv = new ArrayList<>();
        if (!command.hasShell() || command.getShell()) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(command.getValue());
        } else {
            argv.add(command.getValue());
            if (command.getArgumentsCount() > 1) {
                argv.addAll(command.getArgumentsList().subList(1, command.getArgumentsCount()));
            }
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(sandbox.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stdout").toFile()));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(sandbox.resolve("stderr").toFile()));
        Process p = pb.start();
        synchronized (this) {
            if (closed) {
                kill(p.toHandle(), true);
                throw new IOException("the agent is shutting down");
            }
            live.add(p);
        }
        p.onExit().thenRun(() -> forget(p));
        return p;
    }

    private synchronized void forget(Process p) {
        live.remove(p);
    }

    /** SIGKILLs every live child and its descendants, and waits briefly for them to go. */
    void close() {
        List<Process> left;
        synchronized (this) {
            closed = true;
            left = List.copyOf(live);
        }
        left.forEach(p -> kill(p.toHandle(), true));
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (Process p : left) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                // it had its SIGKILL; nothing more to do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** SIGTERM (or SIGKILL) to a process tree, children first so none is orphaned. */
    static void kill(ProcessHandle p, boolean force) {
        p.descendants().forEach(d -> {
            if (force) {
                d.destroyForcibly();
            } else {
                d.destroy();
            }
        });
        if (force) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
    }
}
