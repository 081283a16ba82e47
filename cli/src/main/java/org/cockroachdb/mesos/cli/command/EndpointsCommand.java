package org.cockroachdb.mesos.cli.command;

import java.util.concurrent.Callable;
import org.cockroachdb.mesos.cli.Exit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code endpoints [name]}: the endpoint names, or one endpoint's addresses, DNS names and VIP (JSON). */
@Command(name = "endpoints", description = "List the endpoints (http, pg), or show one: addresses, DNS names, VIP.")
final class EndpointsCommand implements Callable<Integer> {
    private final Invocation invocation;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "An endpoint, e.g. pg.")
    String name;

    @Mixin
    JsonFlag json;

    EndpointsCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        String path = name == null ? "/v1/endpoints" : "/v1/endpoints/" + ApiPaths.segment(name);
        invocation.out().print(invocation.get(path).bodyLine());
        return Exit.OK;
    }
}
