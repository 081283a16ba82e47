package org.cockroachdb.mesos.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cockroachdb.mesos.cli.CliFailure;
import org.cockroachdb.mesos.cli.http.Answer;
import org.cockroachdb.mesos.cli.http.Refusal;
import org.cockroachdb.mesos.cli.http.SchedulerClient;
import org.cockroachdb.mesos.cli.http.Target;
import org.cockroachdb.mesos.cli.output.Json;

/**
 * One run of the CLI: its environment, streams, clock and global options, and the scheduler
 * client made from them on first use (so that usage errors come before any network set-up).
 */
public final class Invocation {
    static final String DEFAULT_SERVICE = "cockroachdb";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;
    private final boolean interactive;
    final GlobalOptions global;
    private SchedulerClient client;

    /**
     * @param interactive stdout is a terminal: progress lines are rewritten in place rather than
     *                    printed one under the other
     */
    public Invocation(Map<String, String> env, PrintStream out, PrintStream err, Clock clock, boolean interactive) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.interactive = interactive;
        this.global = new GlobalOptions();
    }

    private Invocation(Invocation of, PrintStream out) {
        this.env = of.env;
        this.out = out;
        this.err = of.err;
        this.clock = of.clock;
        this.interactive = false;
        this.global = of.global;
        this.client = of.client();
    }

    /** The same run with stdout sent to stderr: progress that must stay out of JSON output. */
    Invocation errorView() {
        return new Invocation(this, err);
    }

    public Map<String, String> env() {
        return env;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    Clock clock() {
        return clock;
    }

    boolean interactive() {
        return interactive;
    }

    /** {@code --name}, else {@code DCOS_COCKROACHDB_SERVICE_NAME} (the CLI's cockroachdb.service_name), else cockroachdb. */
    String serviceName() {
        return global.name().or(() -> Optional.ofNullable(env.get("DCOS_COCKROACHDB_SERVICE_NAME"))
                .filter(n -> !n.isBlank())).orElse(DEFAULT_SERVICE);
    }

    boolean verbose() {
        return global.verbose() || Optional.ofNullable(env.get("DCOS_DEBUG")).filter(v -> !v.isBlank()).isPresent();
    }

    SchedulerClient client() {
        if (client == null) {
            client = new SchedulerClient(Target.resolve(global.url(), serviceName(), env), verbose(), err);
        }
        return client;
    }

    /** The answer if 2xx, else a {@link CliFailure} with what to tell the operator. */
    Answer accepted(Answer answer) {
        if (!answer.is2xx()) {
            throw CliFailure.refused(Refusal.describe(answer, serviceName()));
        }
        return answer;
    }

    Answer get(String path) {
        return accepted(client().get(path));
    }

    /** The answer's body as JSON; a body that is not JSON is the server's fault. */
    JsonNode json(Answer answer) {
        return Json.parse(answer.body()).orElseThrow(() -> CliFailure.refused(answer.method() + " " + answer.uri()
                + " answered " + answer.status() + " without JSON"));
    }

    /** Waits between polls of a watched plan. */
    void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.refused("interrupted");
        }
    }
}
