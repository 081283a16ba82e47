package org.cockroachdb.mesos.testkit.cockroach.node;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * cockroach-style log lines ({@code I231120 23:59:59.123456 1 server/node.go:1  message}) into
 * {@code <store>/logs/cockroach.log}, and to stderr at or above the {@code --logtostderr} severity.
 */
final class NodeLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyMMdd HH:mm:ss.SSSSSS");
    private static final String SEVERITIES = "IWEF";

    private final Optional<Path> file;
    private final PrintStream stderr;
    private final int stderrThreshold;

    NodeLog(Path store, Optional<String> logToStderr, PrintStream stderr) {
        Path dir = store.resolve("logs");
        Optional<Path> f;
        try {
            Files.createDirectories(dir);
            f = Optional.of(dir.resolve("cockroach.log"));
        } catch (IOException e) {
            f = Optional.empty();
        }
        this.file = f;
        this.stderr = stderr;
        this.stderrThreshold = logToStderr.map(NodeLog::severityIndex).orElse(Integer.MAX_VALUE);
    }

    private static int severityIndex(String s) {
        return switch (s.toUpperCase(java.util.Locale.ROOT)) {
            case "INFO", "I", "1", "TRUE" -> 0;
            case "WARNING", "W", "2" -> 1;
            case "ERROR", "E", "3" -> 2;
            case "FATAL", "F", "4" -> 3;
            default -> Integer.MAX_VALUE; // NONE
        };
    }

    void info(String message) {
        write(0, message);
    }

    void warning(String message) {
        write(1, message);
    }

    void error(String message) {
        write(2, message);
    }

    private synchronized void write(int severity, String message) {
        String line = SEVERITIES.charAt(severity) + ZonedDateTime.now(ZoneOffset.UTC).format(TIME) + " "
                + ProcessHandle.current().pid() + " server/node.go:1  " + message;
        file.ifPresent(f -> {
            try {
                Files.writeString(f, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // the log must never take the node down
            }
        });
        if (severity >= stderrThreshold) {
            stderr.println(line);
            stderr.flush();
        }
    }
}
