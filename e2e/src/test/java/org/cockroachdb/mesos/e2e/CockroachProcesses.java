package org.cockroachdb.mesos.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cockroachdb.mesos.local.CommandLines;

/**
 * The {@code cockroach start} processes the agents run, found by command line: a node's store is
 * on its agent's volume and it runs in its sandbox, both under that agent's work dir.
 */
final class CockroachProcesses {
    private CockroachProcesses() {}

    /** Live {@code cockroach start} processes whose command line names {@code agentWorkDir}. */
    static List<ProcessHandle> onAgent(Path agentWorkDir) {
        // with the separator: agent-1 must not match agent-10
        String dir = agentWorkDir.toAbsolutePath() + "/";
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(h -> CommandLines.of(h).map(c -> isCockroachStart(c)
                        && (c.contains(dir) || (workingDir(h) + "/").startsWith(dir))).orElse(false))
                .toList();
    }

    /** Where the process runs (its sandbox), or "" when that cannot be read. */
    private static String workingDir(ProcessHandle h) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(h.pid()), "cwd")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "";
        }
    }

    private static boolean isCockroachStart(String commandLine) {
        // the executor's own command line names neither a store nor "start"
        return commandLine.contains(" start ") && commandLine.contains("--store")
                && !commandLine.contains("org.cockroachdb.mesos.executor.ExecutorMain");
    }
}
