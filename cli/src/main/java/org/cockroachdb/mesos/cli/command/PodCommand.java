package org.cockroachdb.mesos.cli.command;

import java.util.concurrent.Callable;
import org.cockroachdb.mesos.cli.Exit;
import org.cockroachdb.mesos.cli.http.Answer;
import org.cockroachdb.mesos.cli.output.PodTree;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pod list|status|info|restart|replace} ({@code pods} too). */
@Command(name = "pod", aliases = "pods", description = "List, inspect, restart and replace the service's pods.",
        synopsisSubcommandLabel = "COMMAND")
final class PodCommand implements Callable<Integer> {
    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    PodCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing pod command: give one of list, status, info, restart, replace");
    }

    @Command(name = "list", description = "List the pods (JSON).")
    int list(@Mixin JsonFlag json) {
        invocation.out().print(invocation.get("/v1/pod").bodyLine());
        return Exit.OK;
    }

    @Command(name = "status", description = "Show the pods' tasks and their states as a tree; one pod with POD.")
    int status(@Parameters(arity = "0..1", paramLabel = "POD", description = "e.g. cockroachdb-0") String pod,
               @Mixin JsonFlag json) {
        Answer answer = invocation.get(pod == null ? "/v1/pod/status" : "/v1/pod/" + ApiPaths.segment(pod) + "/status");
        if (json.json) {
            invocation.out().print(answer.bodyLine());
        } else {
            var tree = invocation.json(answer);
            invocation.out().print(pod == null ? PodTree.renderAll(tree) : PodTree.renderOne(tree));
        }
        return Exit.OK;
    }

    @Command(name = "info", description = "Show each task's TaskInfo and last TaskStatus (JSON).")
    int info(@Parameters(paramLabel = "POD") String pod, @Mixin JsonFlag json) {
        invocation.out().print(invocation.get("/v1/pod/" + ApiPaths.segment(pod) + "/info").bodyLine());
        return Exit.OK;
    }

    @Command(name = "restart", description = "Kill the pod's node and relaunch it in place: same agent, volume and data.")
    int restart(@Parameters(paramLabel = "POD") String pod, @Mixin JsonFlag json) {
        return command(pod, "restart");
    }

    @Command(name = "replace", description = "Relaunch the pod on another agent with an empty volume; its old"
            + " reservations and volume are destroyed.")
    int replace(@Parameters(paramLabel = "POD") String pod, @Mixin JsonFlag json) {
        return command(pod, "replace");
    }

    private int command(String pod, String verb) {
        Answer answer = invocation.accepted(invocation.client().post("/v1/pod/" + ApiPaths.segment(pod) + "/" + verb, null));
        invocation.out().print(answer.bodyLine());
        return Exit.OK;
    }
}
