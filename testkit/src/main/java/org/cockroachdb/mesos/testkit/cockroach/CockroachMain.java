package org.cockroachdb.mesos.testkit.cockroach;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.cli.CommandFailure;
import org.cockroachdb.mesos.testkit.cockroach.cli.Commands;

/**
 * The stand-in {@code cockroach} executable: the subcommands an orchestrator uses, with the real
 * command line, output and exit codes of the release named by {@code COCKROACH_STANDIN_VERSION}.
 */
public final class CockroachMain {
    private CockroachMain() {}

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        String command = args.isEmpty() ? "" : args.get(0);
        Release release;
        try {
            release = Release.fromEnvironment();
        } catch (IllegalArgumentException e) {
            err.println("ERROR: " + e.getMessage());
            return 1;
        }
        try {
            return Commands.run(release, args, in, out, err);
        } catch (CommandFailure f) {
            String message = f.getMessage();
            err.println(message.startsWith("ERROR:") || message.startsWith("Error:") ? message : "Error: " + message);
            if (!message.contains("Run 'cockroach --help'")) {
                err.println("Failed running \"" + command + "\"");
            }
            return f.exitCode();
        }
    }
}
