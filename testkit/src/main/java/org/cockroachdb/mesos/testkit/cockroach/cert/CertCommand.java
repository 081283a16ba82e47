package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.cockroachdb.mesos.testkit.cockroach.Release;

/**
 * The stand-in's {@code cockroach cert}: {@code create-ca}, {@code create-node <host>...},
 * {@code create-client <user>} and {@code list}, with the real flags, files, modes, refusals,
 * messages and exit codes.
 *
 * <p>Errors print as cockroach prints them: {@code ERROR: <chain>} (cobra's {@code Error: } before
 * v20.1), an optional {@code HINT:} line, then {@code Failed running "cert <sub-command>"}. A bad
 * command line prints the usage first and exits with the command-line-flag code (4 from v20.2,
 * 1 before); every other failure exits 1. Success prints nothing, except for {@code list}.
 */
public final class CertCommand {
    private static final int SUCCESS = 0;
    private static final int FAILURE = 1;
    private static final int COMMAND_LINE_FLAG_ERROR = 4;

    private final Release release;
    private final Function<String, String> env;
    private final TableDisplay listDisplay;

    /**
     * @param env            environment lookup ({@code HOME}, {@code COCKROACH_CERTS_DIR}, {@code COCKROACH_CA_KEY},
     *                       {@code COCKROACH_SKIP_KEY_PERMISSION_CHECK})
     * @param terminalOutput whether stdout is a terminal: {@code list} prints a table there and TSV otherwise
     */
    public CertCommand(Release release, Function<String, String> env, boolean terminalOutput) {
        this.release = release;
        this.env = env;
        this.listDisplay = terminalOutput ? TableDisplay.TABLE : TableDisplay.TSV;
    }

    public static CertCommand fromEnvironment() {
        return new CertCommand(Release.fromEnvironment(), System::getenv, System.console() != null);
    }

    /**
     * Runs {@code cockroach cert <args>}; {@code args} are what follows {@code cert}, e.g.
     * {@code [create-node, localhost, 127.0.0.1, --certs-dir=certs, --ca-key=safe/ca.key]}.
     *
     * @return the process exit code
     */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<Integer> positional = positionalTokens(args);
        Optional<CertSubcommand> sub = positional.isEmpty()
                ? Optional.empty() : CertSubcommand.named(args.get(positional.get(0)));
        if (sub.isEmpty()) {
            err.print(CertSubcommand.parentUsage());
            String given = String.join(" ", positional.stream().map(args::get).toList());
            return fail(err, "cert", "unknown sub-command: \"" + given + "\"", Optional.empty(), FAILURE);
        }
        List<String> subArgs = new ArrayList<>(args);
        subArgs.remove((int) positional.get(0)); // cobra finds the sub-command wherever the flags leave it
        String commandName = "cert " + sub.get().command();
        CertFlags flags;
        try {
            flags = CertFlags.parse(sub.get(), subArgs, env);
        } catch (CommandLineError e) {
            err.print(sub.get().usage());
            err.println(); // cockroach's line between the usage and the error
            return fail(err, commandName, e.getMessage(), Optional.empty(),
                    release.atLeast(20, 2) ? COMMAND_LINE_FLAG_ERROR : FAILURE);
        }
        if (flags.help()) {
            out.print(sub.get().usage());
            return SUCCESS;
        }
        Optional<String> argumentProblem = argumentProblem(sub.get(), flags.arguments());
        if (argumentProblem.isPresent()) {
            return fail(err, commandName, argumentProblem.get(), Optional.empty(), FAILURE);
        }
        try {
            KeyPermissions permissions = new KeyPermissions(env);
            CertificateCreation creation = new CertificateCreation(env);
            switch (sub.get()) {
                case CREATE_CA -> creation.createCa(flags);
                case CREATE_NODE -> creation.createNode(flags);
                case CREATE_CLIENT -> creation.createClient(flags);
                case LIST -> new CertList(env, permissions, listDisplay).print(flags, out);
            }
            return SUCCESS;
        } catch (CertFailure e) {
            return fail(err, commandName, e.getMessage(), e.hint(), FAILURE);
        }
    }

    /** Indexes of the tokens that are not flags or the separate values of flags (cobra's stripFlags). */
    private static List<Integer> positionalTokens(List<String> args) {
        List<Integer> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(i);
            } else if (arg.startsWith("--") && !arg.contains("=")
                    && CertFlag.named(arg.substring(2)).filter(f -> f.kind() != CertFlag.Kind.BOOL).isPresent()) {
                i++;
            }
        }
        return positional;
    }

    /** cobra's argument validators for each sub-command. */
    private static Optional<String> argumentProblem(CertSubcommand sub, List<String> arguments) {
        return switch (sub) {
            case CREATE_CA, LIST -> arguments.isEmpty() ? Optional.empty() : Optional.of(
                    "unknown command \"" + arguments.get(0) + "\" for \"cockroach cert " + sub.command() + "\"");
            case CREATE_NODE -> arguments.isEmpty()
                    ? Optional.of("create-node requires at least one host name or address, none was specified")
                    : Optional.empty();
            case CREATE_CLIENT -> arguments.size() == 1 ? Optional.empty()
                    : Optional.of("accepts 1 arg(s), received " + arguments.size());
        };
    }

    private int fail(PrintStream err, String commandName, String message, Optional<String> hint, int exitCode) {
        // Before v20.1 cobra printed the error itself, in its own style.
        err.println((release.before(20, 1) ? "Error: " : "ERROR: ") + message);
        hint.ifPresent(h -> err.println("HINT: " + h));
        err.println("Failed running \"" + commandName + "\"");
        return exitCode;
    }
}
