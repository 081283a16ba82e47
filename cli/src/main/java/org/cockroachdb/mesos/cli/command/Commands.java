package org.cockroachdb.mesos.cli.command;

import org.cockroachdb.mesos.cli.CliFailure;
import org.cockroachdb.mesos.cli.Exit;
import picocli.CommandLine;

/** The command tree with the CLI's error handling: one line on stderr and the exit code. */
public final class Commands {

    private Commands() {
    }

    public static CommandLine commandLine(Invocation invocation) {
        CommandLine line = new CommandLine(RootCommand.class, new CommandFactory(invocation));
        line.setExitCodeExceptionMapper(e -> e instanceof CliFailure f ? f.exitCode() : Exit.REFUSED);
        line.setParameterExceptionHandler((e, args) -> {
            // picocli prints the whole usage; one line and a pointer to --help read better in a script's log.
            String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
            invocation.err().println(e.getMessage() + " (see '" + command + " --help')");
            return Exit.USAGE;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliFailure f) {
                invocation.err().println(f.getMessage());
                return f.exitCode();
            }
            if (e instanceof CommandLine.ParameterException p) {
                throw p;
            }
            invocation.err().println("internal error: " + e);
            if (invocation.verbose()) {
                e.printStackTrace(invocation.err());
            }
            return Exit.REFUSED;
        });
        return line;
    }
}
