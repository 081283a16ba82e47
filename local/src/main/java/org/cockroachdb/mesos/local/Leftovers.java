package org.cockroachdb.mesos.local;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes of a local cluster that outlived it: anything whose command line names the cluster's
 * work dir (the marker every child carries, a store path, a sandbox), except this process and
 * its ancestors (the launcher itself may have been given the work dir).
 */
final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {}

    /** The live processes whose command line contains {@code marker}. */
    static List<ProcessHandle> find(String marker) {
        Set<Long> spared = new HashSet<>();
        Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
        while (p.isPresent()) {
            spared.add(p.get().pid());
            p = p.get().parent();
        }
        return ProcessHandle.allProcesses()
                .filter(h -> !spared.contains(h.pid()))
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }

    /** SIGKILLs every leftover, each with a warning, and waits for them; returns how many there were. */
    static int kill(String marker, Duration wait) {
        List<ProcessHandle> left = find(marker);
        for (ProcessHandle h : left) {
            LOG.warn("process {} was still running after the local cluster stopped; killing it: {}", h.pid(),
                    h.info().commandLine().map(c -> c.length() > 300 ? c.substring(0, 300) + "…" : c).orElse("?"));
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
