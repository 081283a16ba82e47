package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.node.Rpc;

/** {@code cockroach quit} (2.x; deprecated in v20.2, gone from v21.1): drain the node and stop it. */
final class QuitCommand {
    private QuitCommand() {}

    static int run(Release release, List<String> args, PrintStream out, PrintStream err) throws CommandFailure {
        if (!release.hasQuit()) {
            throw new CommandFailure("Error: unknown command \"quit\" for \"cockroach\"\nRun 'cockroach --help' for usage.");
        }
        Flags f = Flags.parse(args, ClientFlags.spec(Set.of("drain-wait"), Set.of("decommission"), Map.of()));
        if (release.atLeast(20, 2)) {
            err.println("Command \"quit\" is deprecated, see 'cockroach node drain' instead to drain a server without "
                    + "terminating the server process (which can in turn be done using an orchestration layer or a process "
                    + "manager, or by sending a termination signal directly).");
        }
        ClientFlags.call(ClientFlags.target(f), "QUIT", Rpc.object());
        out.println("ok");
        return 0;
    }
}
