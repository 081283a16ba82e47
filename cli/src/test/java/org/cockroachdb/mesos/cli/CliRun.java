package org.cockroachdb.mesos.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.cli.command.Invocation;

/** One in-process run of the CLI, as the DC/OS CLI starts it: exit code and what it printed. */
public record CliRun(int exit, String out, String err) {

    public static CliRun run(Map<String, String> env, String... args) {
        return run(env, Clock.systemDefaultZone(), args);
    }

    public static CliRun run(Map<String, String> env, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of(Cli.COMMAND_NAME));
        argv.addAll(List.of(args));
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(argv, new Invocation(env, o, e, clock, false));
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** With {@code --url base} in front, as local mode runs it. */
    public static CliRun against(String base, String... args) {
        List<String> argv = new ArrayList<>(List.of("--url", base));
        argv.addAll(List.of(args));
        return run(Map.of(), argv.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
