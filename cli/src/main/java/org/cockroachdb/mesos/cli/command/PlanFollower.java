package org.cockroachdb.mesos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.cockroachdb.mesos.cli.CliFailure;
import org.cockroachdb.mesos.cli.Exit;
import org.cockroachdb.mesos.cli.http.Answer;
import org.cockroachdb.mesos.cli.http.Refusal;
import org.cockroachdb.mesos.cli.output.PlanProgress;
import org.cockroachdb.mesos.cli.output.PlanTree;
import org.cockroachdb.mesos.cli.output.Redaction;

/**
 * Polls {@code GET /v1/plans/<plan>} until the plan is COMPLETE (exit 0) or in ERROR (exit 1),
 * printing only when what it shows changed: the tree ({@code plan status --watch}) or one
 * progress line (backup, restore).
 */
final class PlanFollower {
    /** What a refresh interval may be, in seconds. */
    static final double MIN_INTERVAL = 0.1;
    static final double MAX_INTERVAL = 3600;

    private final Invocation invocation;
    private final String plan;
    private final Duration interval;

    PlanFollower(Invocation invocation, String plan, double intervalSeconds) {
        this.invocation = invocation;
        this.plan = plan;
        this.interval = interval(intervalSeconds);
    }

    static Duration interval(double seconds) {
        if (!(seconds >= MIN_INTERVAL && seconds <= MAX_INTERVAL)) {
            throw CliFailure.usage("--interval must be from " + MIN_INTERVAL + " to " + (int) MAX_INTERVAL
                    + " seconds, got " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** The tree (or the JSON) each time it changes; a blank line between two. */
    int watchTree(boolean json) {
        String shown = null;
        while (true) {
            Answer answer = poll();
            JsonNode node = invocation.json(answer);
            String now = json ? answer.bodyLine() : PlanTree.render(plan, node);
            if (!now.equals(shown)) {
                if (shown != null) {
                    invocation.out().println();
                }
                invocation.out().print(now);
                invocation.out().flush();
                shown = now;
            }
            PlanProgress.Stage stage = PlanProgress.stage(node);
            if (stage != PlanProgress.Stage.RUNNING) {
                return stage == PlanProgress.Stage.COMPLETE ? Exit.OK : Exit.REFUSED;
            }
            invocation.pause(interval);
        }
    }

    /**
     * One progress line, rewritten in place on a terminal, else printed again each time it
     * changes. Secrets the CLI sent are masked even if a server echoes them.
     */
    int followProgress(Redaction redaction) {
        String shown = null;
        while (true) {
            JsonNode node = invocation.json(poll());
            String line = redaction.apply(PlanProgress.line(plan, node));
            if (!line.equals(shown)) {
                if (invocation.interactive()) {
                    // Back to the line's start and clear it, so a shorter line leaves nothing behind.
                    invocation.out().print("\r\033[K" + line);
                } else {
                    invocation.out().println(line);
                }
                invocation.out().flush();
                shown = line;
            }
            PlanProgress.Stage stage = PlanProgress.stage(node);
            if (stage != PlanProgress.Stage.RUNNING) {
                if (invocation.interactive()) {
                    invocation.out().println();
                }
                return stage == PlanProgress.Stage.COMPLETE ? Exit.OK : Exit.REFUSED;
            }
            invocation.pause(interval);
        }
    }

    /** 200, 202 and 417 all carry the plan; anything else ends the watch. */
    private Answer poll() {
        Answer answer = invocation.client().get("/v1/plans/" + ApiPaths.segment(plan));
        if (answer.status() == 200 || answer.status() == 202 || answer.status() == 417) {
            return answer;
        }
        throw CliFailure.refused(Refusal.describe(answer, invocation.serviceName()));
    }
}
