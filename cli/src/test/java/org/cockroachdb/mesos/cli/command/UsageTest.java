package org.cockroachdb.mesos.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cockroachdb.mesos.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wrong command lines: exit 2 and one line on stderr naming what is wrong; nothing is sent. */
class UsageTest {
    /** Nothing listens here; a usage error must come before any request. */
    private static final String NOWHERE = "http://127.0.0.1:9";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bogus                           | Unmatched argument at index 2: 'bogus'",
            "pod                             | Missing pod command: give one of list, status, info, restart, replace",
            "plan                            | Missing plan command",
            "pod info                        | Missing required parameter: 'POD'",
            "plan status                     | Missing required parameter: 'PLAN'",
            "plan force-complete deploy p    | Missing required parameter: 'STEP'",
            "plan start deploy -p NOEQUALS   | -p must be KEY=VALUE (e.g. -p DATABASE_NAME=bank), got 'NOEQUALS'",
            "plan start deploy -p 1X=y       | -p 1X=…: the key must be an environment variable name",
            "plan status deploy --interval 0 | --interval must be from 0.1 to 3600 seconds, got 0.0",
            "plan status deploy --interval x | Invalid value for option '--interval'",
            "endpoints --bogus               | Unknown option: '--bogus'",
            "restore bank bucket             | Missing required parameter: 'S3_BACKUP_DIR'",
            "backup bank bucket              | no AWS access key: pass -k/--aws-access-key or set AWS_ACCESS_KEY_ID",
            "backup bank bucket -k a         | no AWS secret key: pass -s/--aws-secret-key or set AWS_SECRET_ACCESS_KEY",
            "backup bank bucket -k a -s b --mode x | --mode must be dump, native or auto, got 'x'",
            "backup bank bucket -k a -s b --interval 0 | --interval must be from 0.1 to 3600 seconds"})
    void wrongCommandLinesExitTwoWithOneLine(String args, String message) {
        CliRun run = CliRun.run(Map.of(), ("--url " + NOWHERE + " " + args).split(" +"));
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith(message).hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void withoutAnyCommandItSaysWhichExist() {
        CliRun run = CliRun.run(Map.of());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Missing command: give one of endpoints, pod, plan, backup, restore, describe"
                + " (see 'dcos cockroachdb --help')\n");
    }

    @Test
    void withoutUrlOrDcosSetupItSaysHowToPointAtAScheduler() {
        CliRun run = CliRun.run(Map.of(), "endpoints");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("pass --url").contains("dcos cluster setup").hasLineCount(1);
    }

    @Test
    void infoVersionHelpAndConfigSchemaNeedNoScheduler() {
        CliRun info = CliRun.run(Map.of(), "--info");
        assertThat(info.exit()).isZero();
        assertThat(info.out()).isEqualTo("Manage CockroachDB clusters on DC/OS\n");

        CliRun version = CliRun.run(Map.of(), "--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("dcos-cockroachdb \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");

        CliRun help = CliRun.run(Map.of(), "plan", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("force-complete").contains("--url");

        CliRun schema = CliRun.run(Map.of(), "--config-schema");
        assertThat(schema.exit()).isZero();
        assertThat(schema.out()).contains("\"service_name\"");
    }

    @Test
    void theLeadingCommandNameIsOptionalForRunsOutsideTheDcosCli() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = org.cockroachdb.mesos.cli.Cli.run(java.util.List.of("--info"), Map.of(),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
        assertThat(exit).isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("Manage CockroachDB");
    }
}
