package org.cockroachdb.mesos.cli.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.cockroachdb.mesos.cli.Exit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code dcos cockroachdb}: the global options and the command tree. */
@Command(name = "dcos cockroachdb",
        description = RootCommand.DESCRIPTION + ".",
        versionProvider = RootCommand.Version.class,
        subcommands = {EndpointsCommand.class, PodCommand.class, PlanCommand.class, BackupCommand.class,
                RestoreCommand.class, DescribeCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Exit codes: 0 done, 1 the scheduler said no or cannot be reached, 2 usage error."})
public final class RootCommand implements Callable<Integer> {
    /** What {@code dcos help} shows for this plugin ({@code --info}). */
    public static final String DESCRIPTION = "Manage CockroachDB clusters on DC/OS";
    /** {@code dcos config set cockroachdb.service_name <name>}: the one setting this plugin reads. */
    static final String CONFIG_SCHEMA = "{\n"
            + "  \"$schema\": \"http://json-schema.org/schema#\",\n"
            + "  \"type\": \"object\",\n"
            + "  \"properties\": {\n"
            + "    \"service_name\": {\n"
            + "      \"title\": \"Service name\",\n"
            + "      \"description\": \"The name of the CockroachDB service the commands address (default cockroachdb)\",\n"
            + "      \"type\": \"string\"\n"
            + "    }\n"
            + "  }\n"
            + "}";

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Option(names = "--info", description = "Print a one-line description of this plugin.")
    boolean info;

    @Option(names = "--config-schema", hidden = true)
    boolean configSchema;

    @Option(names = "--version", versionHelp = true, description = "Print the version.")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    boolean help;

    RootCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Option(names = "--name", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The service (default: DCOS_COCKROACHDB_SERVICE_NAME, else cockroachdb).")
    void name(String value) {
        invocation.global.name(value);
    }

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The scheduler API's base URL, for a scheduler outside DC/OS (local mode), e.g."
                    + " http://127.0.0.1:8080. Default: DCOS_URL/service/NAME.")
    void url(String value) {
        invocation.global.url(value);
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print each request (method, URL, status) to stderr.")
    void verbose(boolean value) {
        invocation.global.verbose(value);
    }

    @Override
    public Integer call() {
        if (info) {
            invocation.out().println(DESCRIPTION);
            return Exit.OK;
        }
        if (configSchema) {
            invocation.out().println(CONFIG_SCHEMA);
            return Exit.OK;
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: give one of "
                + String.join(", ", spec.subcommands().values().stream()
                .map(CommandLine::getCommandName).distinct().toList()));
    }

    /** The project version, written into the jar at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            try (InputStream in = RootCommand.class.getResourceAsStream("/org/cockroachdb/mesos/cli/version.txt")) {
                String v = in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                return new String[] {"dcos-cockroachdb " + v};
            }
        }
    }
}
