package org.cockroachdb.mesos.cli.command;

import java.util.concurrent.Callable;
import org.cockroachdb.mesos.cli.Exit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code describe}: the target configuration, the service's settings as the scheduler runs them (JSON). */
@Command(name = "describe", description = "Show the service's target configuration (JSON).")
final class DescribeCommand implements Callable<Integer> {
    private final Invocation invocation;

    @Mixin
    JsonFlag json;

    DescribeCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        invocation.out().print(invocation.get("/v1/configurations/target").bodyLine());
        return Exit.OK;
    }
}
