package org.cockroachdb.mesos.cli.command;

import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.cli.CliFailure;
import org.cockroachdb.mesos.cli.Exit;
import org.cockroachdb.mesos.cli.http.Answer;
import org.cockroachdb.mesos.cli.output.Json;
import org.cockroachdb.mesos.cli.output.Redaction;

/**
 * Starts a job plan (backup, restore) with its parameters and follows it to the end. Progress
 * goes to stdout, or to stderr with {@code --json} so that stdout holds only the scheduler's reply.
 */
final class JobRun {

    private JobRun() {
    }

    static int run(Invocation invocation, String plan, Map<String, String> parameters, List<String> secrets,
                   String started, S3Flags flags, boolean json) {
        Redaction redaction = new Redaction(secrets);
        // Checked before anything is sent, so a bad value is a usage error with nothing started.
        PlanFollower follower = new PlanFollower(json ? invocation.errorView() : invocation, plan, flags.interval);
        Answer answer;
        try {
            answer = invocation.accepted(invocation.client().post("/v1/plans/" + plan + "/start", Json.compact(parameters)));
        } catch (CliFailure refused) {
            throw new CliFailure(refused.exitCode(), redaction.apply(refused.getMessage()));
        }
        if (json) {
            invocation.out().print(redaction.apply(answer.bodyLine()));
        } else {
            invocation.out().println(started);
        }
        invocation.out().flush();
        return flags.noWait ? Exit.OK : follower.followProgress(redaction);
    }
}
