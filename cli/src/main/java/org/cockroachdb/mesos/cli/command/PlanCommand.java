package org.cockroachdb.mesos.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cockroachdb.mesos.cli.CliFailure;
import org.cockroachdb.mesos.cli.Exit;
import org.cockroachdb.mesos.cli.http.Answer;
import org.cockroachdb.mesos.cli.http.Refusal;
import org.cockroachdb.mesos.cli.output.Json;
import org.cockroachdb.mesos.cli.output.PlanTree;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plan list|status|start|stop|pause|resume|force-restart|force-complete} ({@code plans},
 * and the SDK's older names {@code show}, {@code interrupt}, {@code continue}, {@code restart},
 * {@code force} too).
 */
@Command(name = "plan", aliases = "plans", description = "Show and drive the service's plans (deploy, recovery, backup, …).",
        synopsisSubcommandLabel = "COMMAND")
final class PlanCommand implements Callable<Integer> {
    /** What a 208 means, in the operator's words. */
    static final String ALREADY = "command already issued or plan completed; nothing to do";

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    PlanCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing plan command: give one of list, status,"
                + " start, stop, pause, resume, force-restart, force-complete");
    }

    @Command(name = "list", description = "List the plans (JSON).")
    int list(@Mixin JsonFlag json) {
        invocation.out().print(invocation.get("/v1/plans").bodyLine());
        return Exit.OK;
    }

    @Command(name = "status", aliases = "show", description = "Show a plan as a tree of phases and steps with their"
            + " states. Exit 1 when the plan is in ERROR (its errors are listed).")
    int status(@Parameters(paramLabel = "PLAN", description = "e.g. deploy") String plan,
               @Mixin JsonFlag json,
               @Option(names = "--watch", description = "Refresh until the plan is COMPLETE (exit 0) or in ERROR"
                       + " (exit 1), printing only changes.") boolean watch,
               @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
                       description = "Seconds between refreshes with --watch (default ${DEFAULT-VALUE}).") double interval) {
        PlanFollower follower = new PlanFollower(invocation, plan, interval);
        if (watch) {
            return follower.watchTree(json.json);
        }
        Answer answer = invocation.client().get(planPath(plan));
        // 417: the plan carries errors (e.g. a refused configuration); it is still shown.
        if (answer.status() != 200 && answer.status() != 202 && answer.status() != 417) {
            throw CliFailure.refused(Refusal.describe(answer, invocation.serviceName()));
        }
        invocation.out().print(json.json ? answer.bodyLine() : PlanTree.render(plan, invocation.json(answer)));
        return answer.status() == 417 ? Exit.REFUSED : Exit.OK;
    }

    @Command(name = "start", description = "Start a plan (again, if it is complete), with parameters for its tasks.")
    int start(@Parameters(paramLabel = "PLAN") String plan,
              @Option(names = {"-p", "--params"}, paramLabel = "KEY=VALUE",
                      description = "A parameter, passed to the plan's tasks as an environment variable; repeatable.")
              List<String> params,
              @Mixin JsonFlag json) {
        Map<String, String> body = parameters(params == null ? List.of() : params);
        Answer answer = invocation.accepted(invocation.client().post(planPath(plan) + "/start", Json.compact(body)));
        invocation.out().print(answer.bodyLine());
        return Exit.OK;
    }

    @Command(name = "stop", description = "Stop a plan: pause it and reset its steps to PENDING.")
    int stop(@Parameters(paramLabel = "PLAN") String plan, @Mixin JsonFlag json) {
        Answer answer = invocation.accepted(invocation.client().post(planPath(plan) + "/stop", null));
        invocation.out().print(answer.bodyLine());
        return Exit.OK;
    }

    @Command(name = "pause", aliases = "interrupt", description = "Pause a plan, or one of its phases.")
    int pause(@Parameters(index = "0", paramLabel = "PLAN") String plan,
              @Parameters(index = "1", arity = "0..1", paramLabel = "PHASE") String phase,
              @Mixin JsonFlag json) {
        Answer answer = invocation.accepted(invocation.client().post(planPath(plan) + "/interrupt" + query(phase, null), null));
        return say(answer, json, what(plan, phase, null) + " has been paused.");
    }

    @Command(name = "resume", aliases = "continue", description = "Resume a paused plan, or one of its phases.")
    int resume(@Parameters(index = "0", paramLabel = "PLAN") String plan,
               @Parameters(index = "1", arity = "0..1", paramLabel = "PHASE") String phase,
               @Mixin JsonFlag json) {
        Answer answer = invocation.accepted(invocation.client().post(planPath(plan) + "/continue" + query(phase, null), null));
        return say(answer, json, what(plan, phase, null) + " has been resumed.");
    }

    @Command(name = "force-restart", aliases = "restart", description = "Run a plan, one phase or one step again"
            + " from the start (a step's node is relaunched).")
    int forceRestart(@Parameters(index = "0", paramLabel = "PLAN") String plan,
                     @Parameters(index = "1", arity = "0..1", paramLabel = "PHASE") String phase,
                     @Parameters(index = "2", arity = "0..1", paramLabel = "STEP") String step,
                     @Mixin JsonFlag json) {
        Answer answer = invocation.accepted(invocation.client().post(planPath(plan) + "/restart" + query(phase, step), null));
        return say(answer, json, what(plan, phase, step) + " has been restarted.");
    }

    @Command(name = "force-complete", aliases = "force", description = "Mark one step COMPLETE whatever its task does"
            + " (e.g. a step stuck on an agent that is gone).")
    int forceComplete(@Parameters(index = "0", paramLabel = "PLAN") String plan,
                      @Parameters(index = "1", paramLabel = "PHASE") String phase,
                      @Parameters(index = "2", paramLabel = "STEP") String step,
                      @Mixin JsonFlag json) {
        Answer answer = invocation.accepted(invocation.client().post(planPath(plan) + "/forceComplete" + query(phase, step), null));
        return say(answer, json, what(plan, phase, step) + " has been forced to complete.");
    }

    /** {@code -p K=V} → K: V; a value may hold '=' itself. */
    static Map<String, String> parameters(List<String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : given) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw CliFailure.usage("-p must be KEY=VALUE (e.g. -p DATABASE_NAME=bank), got '" + shownKey(p) + "'");
            }
            String key = p.substring(0, eq);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw CliFailure.usage("-p " + key + "=…: the key must be an environment variable name (letters,"
                        + " digits and '_', not starting with a digit)");
            }
            if (out.put(key, p.substring(eq + 1)) != null) {
                throw CliFailure.usage("-p " + key + " is given twice; give each parameter once");
            }
        }
        return out;
    }

    /** A malformed parameter may be a bare secret: show at most its start. */
    private static String shownKey(String p) {
        return p.length() <= 24 ? p : p.substring(0, 24) + "…";
    }

    private int say(Answer answer, JsonFlag json, String done) {
        if (json.json) {
            invocation.out().print(answer.bodyLine());
        } else {
            invocation.out().println(answer.status() == 208 ? capitalised(ALREADY) + "." : done);
        }
        return Exit.OK;
    }

    /** {@code "deploy" plan}, {@code phase "node-deploy" of "deploy" plan}, … */
    static String what(String plan, String phase, String step) {
        String out = quoted(plan) + " plan";
        if (phase != null) {
            out = "phase " + quoted(phase) + " of " + out;
        }
        if (step != null) {
            out = "step " + quoted(step) + " in " + out;
        }
        return capitalised(out);
    }

    private static String capitalised(String s) {
        return s.isEmpty() || s.startsWith("\"") ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private static String planPath(String plan) {
        return "/v1/plans/" + ApiPaths.segment(plan);
    }

    private static String query(String phase, String step) {
        List<String> parts = new ArrayList<>();
        if (phase != null) {
            parts.add("phase=" + ApiPaths.query(phase));
        }
        if (step != null) {
            parts.add("step=" + ApiPaths.query(step));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }
}
