package org.cockroachdb.mesos.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.cli.command.Commands;
import org.cockroachdb.mesos.cli.command.Invocation;
import picocli.CommandLine;

/**
 * The CLI as a function: arguments, environment and streams in, exit code out. {@link CliMain}
 * wires it to the process; tests call it directly.
 */
public final class Cli {
    /** The DC/OS CLI runs plugins as {@code <exe> <command> <args>}: the first argument is our command name. */
    public static final String COMMAND_NAME = "cockroachdb";

    private Cli() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, new Invocation(env, out, err, Clock.systemDefaultZone(), false));
    }

    /** With a clock (the default backup folder name) and whether stdout is a terminal. */
    public static int run(List<String> args, Invocation invocation) {
        List<String> rest = !args.isEmpty() && args.get(0).equals(COMMAND_NAME) ? args.subList(1, args.size()) : args;
        CommandLine line = Commands.commandLine(invocation);
        line.setOut(new PrintWriter(invocation.out(), true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(invocation.err(), true, StandardCharsets.UTF_8));
        int code = line.execute(rest.toArray(String[]::new));
        invocation.out().flush();
        invocation.err().flush();
        return code;
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(Arrays.asList(args), env, out, err);
    }
}
