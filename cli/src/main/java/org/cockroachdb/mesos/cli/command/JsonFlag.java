package org.cockroachdb.mesos.cli.command;

import picocli.CommandLine.Option;

/** {@code --json}: the scheduler's JSON instead of a tree or a message. */
final class JsonFlag {
    @Option(names = "--json", description = "Print the scheduler's JSON answer.")
    boolean json;
}
