package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.node.NodeProcess;
import org.cockroachdb.mesos.testkit.cockroach.node.StartFlags;
import org.cockroachdb.mesos.testkit.cockroach.node.VersionText;

/** Dispatches the first argument to its command, refusing commands the release does not have. */
public final class Commands {
    private Commands() {}

    public static int run(Release release, List<String> args, InputStream in, PrintStream out, PrintStream err)
            throws CommandFailure {
        if (args.isEmpty()) {
            throw new CommandFailure("Error: a command is required\nRun 'cockroach --help' for usage.");
        }
        List<String> rest = args.subList(1, args.size());
        Map<String, String> env = System.getenv();
        return switch (args.get(0)) {
            case "version" -> {
                if (rest.contains("--build-tag") && release.atLeast(20, 2)) {
                    out.println(release.tag());
                } else {
                    out.print(VersionText.full(release));
                }
                yield 0;
            }
            case "start" -> NodeProcess.run(release, StartFlags.parse(release, rest, false), env, out, err,
                    SqlServing.factory());
            case "start-single-node" -> {
                if (release.before(19, 2)) {
                    throw unknown("start-single-node");
                }
                yield NodeProcess.run(release, StartFlags.parse(release, rest, true), env, out, err, SqlServing.factory());
            }
            case "init" -> InitCommand.run(release, rest, out);
            case "node" -> NodeCommand.run(release, rest, out, err);
            case "quit" -> QuitCommand.run(release, rest, out, err);
            case "sql" -> SqlCommand.run(release, rest, in, out);
            case "dump" -> {
                if (!release.hasDump()) {
                    throw unknown("dump");
                }
                yield DumpCommand.run(release, rest, out);
            }
            case "cert" -> CertCommands.run(rest, out, err);
            default -> throw unknown(args.get(0));
        };
    }

    private static CommandFailure unknown(String command) {
        return new CommandFailure("Error: unknown command \"" + command + "\" for \"cockroach\"\n"
                + "Run 'cockroach --help' for usage.");
    }
}
