package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.PrintStream;
import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.cert.CertCommand;

/** {@code cockroach cert ...}: the certificate commands, with the release and environment of this run. */
final class CertCommands {
    private CertCommands() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return CertCommand.fromEnvironment().run(args, out, err);
    }
}
