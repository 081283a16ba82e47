package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.node.Rpc;

/**
 * {@code cockroach init --host=...}: bootstraps the cluster through one node, once. From v20.1 it
 * waits for the target node to come up; earlier releases fail at once if it is not listening.
 */
final class InitCommand {
    private InitCommand() {}

    static int run(Release release, List<String> args, PrintStream out) throws CommandFailure {
        Flags f = Flags.parse(args, ClientFlags.spec(Set.of(), Set.of(), Map.of()));
        String target = ClientFlags.target(f);
        long deadline = System.currentTimeMillis() + (release.atLeast(20, 1) ? 60_000 : 0);
        while (true) {
            try {
                var reply = Rpc.call(target, "INIT", Rpc.object(), 30_000);
                if (reply.has("error")) {
                    throw new CommandFailure("ERROR: " + reply.get("error").asText());
                }
                out.println("Cluster successfully initialized");
                return 0;
            } catch (IOException e) {
                if (System.currentTimeMillis() >= deadline) {
                    throw ClientFlags.cannotDial(target, e);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250); // the CLI retries dialing until the node listens, as v20.1+ does
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
