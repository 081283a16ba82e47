package org.cockroachdb.mesos.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process's full command line, read from /proc: the JDK's {@code ProcessHandle.Info.commandLine()}
 * comes back empty for the long class paths our Java children carry, which would hide them.
 */
public final class CommandLines {

    private CommandLines() {
    }

    public static Optional<String> of(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return raw.length == 0 ? Optional.empty()
                    : Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
        } catch (IOException | SecurityException e) {
            return process.info().commandLine();
        }
    }
}
