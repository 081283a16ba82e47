package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.PrintStream;
import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.Release;

/** TEMPORARY until the SQL engine lands. */
final class DumpCommand {
    private DumpCommand() {}

    static int run(Release release, List<String> args, PrintStream out) throws CommandFailure {
        throw new CommandFailure("ERROR: dump is not wired yet");
    }
}
