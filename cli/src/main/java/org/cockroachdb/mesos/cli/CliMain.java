package org.cockroachdb.mesos.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.cockroachdb.mesos.cli.command.Invocation;

/** {@code dcos-cockroachdb cockroachdb <args>}: the process around {@link Cli}. */
public final class CliMain {

    private CliMain() {
    }

    public static void main(String[] args) {
        // UTF-8 whatever the locale: the trees are drawn with box characters.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Invocation invocation = new Invocation(System.getenv(), out, err, Clock.systemDefaultZone(),
                System.console() != null);
        int code = Cli.run(Arrays.asList(args), invocation);
        out.flush();
        System.exit(code);
    }
}
