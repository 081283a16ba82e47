package org.cockroachdb.mesos.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes of a local cluster that outlived it: those whose command line carries the cluster's
 * marker (every Java child local mode starts) or names a path in its emulator's tree (a real
 * cockroach's store or sandbox), except this process and its ancestors. Only those two forms
 * count, so a work dir such as /tmp never matches unrelated processes.
 */
final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {}

    /** The live processes that belong to the cluster living in {@code workDir}. */
    static List<ProcessHandle> find(Path workDir) {
        String marker = "-D" + ChildJvm.MARKER_PROPERTY + "=" + workDir + " ";
        String emulatorTree = workDir.resolve("mesos") + "/";
        Set<Long> spared = new HashSet<>();
        Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
        while (p.isPresent()) {
            spared.add(p.get().pid());
            p = p.get().parent();
        }
        return ProcessHandle.allProcesses()
                .filter(h -> !spared.contains(h.pid()))
                .filter(h -> CommandLines.of(h).map(c -> c.contains(marker) || c.contains(emulatorTree)).orElse(false))
                .toList();
    }

    /** SIGKILLs every leftover, each with a warning, and waits for them; returns how many there were. */
    static int kill(Path workDir, Duration wait) {
        List<ProcessHandle> left = find(workDir);
        for (ProcessHandle h : left) {
            LOG.warn("process {} was still running after the local cluster stopped; killing it: {}", h.pid(),
                    CommandLines.of(h).map(c -> c.length() > 300 ? c.substring(0, 300) + "…" : c).orElse("?"));
            h.destroyForcibly();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (ProcessHandle h : left) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                LOG.warn("process {} did not exit after SIGKILL", h.pid());
            }
        }
        return left.size();
    }
}
