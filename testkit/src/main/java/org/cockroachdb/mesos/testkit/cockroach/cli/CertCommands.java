package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.PrintStream;
import java.util.List;

/** TEMPORARY until the cert commands land. */
final class CertCommands {
    private CertCommands() {}

    static int run(List<String> args, PrintStream out, PrintStream err) throws CommandFailure {
        throw new CommandFailure("ERROR: cert is not wired yet");
    }
}
