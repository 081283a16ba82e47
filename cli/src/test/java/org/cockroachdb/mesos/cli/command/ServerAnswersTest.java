package org.cockroachdb.mesos.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cockroachdb.mesos.cli.CliRun;
import org.cockroachdb.mesos.cli.StubScheduler;
import org.cockroachdb.mesos.cli.StubScheduler.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers the real scheduler gives rarely or never (401 from Admin Router, 404 before the
 * service exists, 5xx, 417), and what the CLI sends through DC/OS (path, token).
 */
class ServerAnswersTest {
    private StubScheduler server;

    @BeforeEach
    void start() throws Exception {
        server = new StubScheduler();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void throughDcosItUsesTheServicePathAndSendsTheToken() {
        server.route("GET /service/crdb/v1/endpoints", r -> r.header("Authorization").equals(java.util.Optional.of("token=t0k"))
                ? Reply.json(200, "[\n  \"http\",\n  \"pg\"\n]") : Reply.text(401, "Unauthorized"));
        CliRun run = CliRun.run(Map.of("DCOS_URL", server.url(), "DCOS_ACS_TOKEN", "t0k",
                "DCOS_COCKROACHDB_SERVICE_NAME", "crdb"), "endpoints");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("[\n  \"http\",\n  \"pg\"\n]\n");
        // --name beats the configured name.
        CliRun other = CliRun.run(Map.of("DCOS_URL", server.url(), "DCOS_COCKROACHDB_SERVICE_NAME", "crdb"),
                "endpoints", "--name", "other");
        assertThat(server.requests().get(1).pathAndQuery()).isEqualTo("/service/other/v1/endpoints");
        assertThat(other.err()).isEqualTo("service 'other' not found or still starting (" + server.url()
                + "/service/other/v1/endpoints)\n");
        assertThat(other.exit()).isEqualTo(1);
    }

    @Test
    void unauthorisedTellsToLogIn() {
        server.route("GET /service/cockroachdb/v1/plans", r -> Reply.text(401, "Unauthorized"));
        CliRun run = CliRun.run(Map.of("DCOS_URL", server.url(), "DCOS_ACS_TOKEN", "expired"), "plan", "list");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("not authorized (401)").contains("run `dcos auth login`").hasLineCount(1)
                .doesNotContain("expired");
    }

    @Test
    void serverErrorsSayTheSchedulerIsUnavailable() {
        server.route("GET /v1/pod", r -> Reply.json(503, "{\"message\":\"the scheduler is busy; try again\"}"));
        CliRun run = CliRun.against(server.url(), "pod", "list");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("the scheduler is unavailable (503): the scheduler is busy; try again\n");
    }

    @Test
    void verbosePrintsEachRequestLineButNoHeaders() {
        server.route("GET /v1/endpoints/pg", r -> Reply.json(200, "{}"));
        CliRun run = CliRun.run(Map.of("DCOS_ACS_TOKEN", "t0k"), "-v", "endpoints", "pg", "--url", server.url());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEqualTo("GET " + server.url() + "/v1/endpoints/pg -> 200\n");
    }

    @Test
    void aPlanWithErrorsIsStillDrawnAndExitsOne() {
        server.route("GET /v1/plans/deploy", r -> Reply.json(417, """
                {"phases":[],"errors":["NODE_COUNT cannot be lowered from 3 to 2"],"status":"ERROR","strategy":"serial"}"""));
        CliRun run = CliRun.against(server.url(), "plan", "status", "deploy");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                deploy (serial strategy) (ERROR)

                Errors:
                - NODE_COUNT cannot be lowered from 3 to 2
                """);
        CliRun watch = CliRun.against(server.url(), "plan", "status", "deploy", "--watch", "--interval", "0.1");
        assertThat(watch.exit()).isEqualTo(1);
        assertThat(watch.out()).isEqualTo(run.out());
    }

    @Test
    void alreadyReportedIsNotAFailure() {
        server.route("POST /v1/plans/deploy/interrupt",
                r -> Reply.json(208, "{\"message\":\"Command has already been reported or completed\"}"));
        CliRun run = CliRun.against(server.url(), "plan", "pause", "deploy");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("Command already issued or plan completed; nothing to do.\n");
        CliRun json = CliRun.against(server.url(), "plan", "pause", "deploy", "--json");
        assertThat(json.out()).isEqualTo("{\"message\":\"Command has already been reported or completed\"}\n");
    }

    @Test
    void pauseAndResumeSayWhatWasDone() {
        server.route("POST /v1/plans/deploy/interrupt", r -> Reply.json(200, "{\"message\":\"Received cmd: interrupt\"}"));
        server.route("POST /v1/plans/deploy/continue", r -> Reply.json(200, "{\"message\":\"Received cmd: continue\"}"));
        assertThat(CliRun.against(server.url(), "plan", "pause", "deploy").out()).isEqualTo("\"deploy\" plan has been paused.\n");
        assertThat(CliRun.against(server.url(), "plan", "interrupt", "deploy", "node-deploy").out())
                .isEqualTo("Phase \"node-deploy\" of \"deploy\" plan has been paused.\n");
        assertThat(CliRun.against(server.url(), "plan", "resume", "deploy").out()).isEqualTo("\"deploy\" plan has been resumed.\n");
        assertThat(CliRun.against(server.url(), "plan", "continue", "deploy", "--json").out())
                .isEqualTo("{\"message\":\"Received cmd: continue\"}\n");
        assertThat(server.requests()).extracting(StubScheduler.Request::pathAndQuery).containsExactly(
                "/v1/plans/deploy/interrupt", "/v1/plans/deploy/interrupt?phase=node-deploy",
                "/v1/plans/deploy/continue", "/v1/plans/deploy/continue");
    }

    @Test
    void planCommandsSendPhaseAndStepAsQueryParameters() {
        server.route("POST /v1/plans/deploy/forceComplete", r -> Reply.json(200, "{\"message\":\"ok\"}"));
        server.route("POST /v1/plans/deploy/restart", r -> Reply.json(200, "{\"message\":\"ok\"}"));
        server.route("POST /v1/plans/deploy/start", r -> Reply.json(200, "{\"message\":\"ok\"}"));
        CliRun force = CliRun.against(server.url(), "plan", "force-complete", "deploy", "node-deploy", "cockroachdb-0:[node-init]");
        assertThat(force.out()).isEqualTo("Step \"cockroachdb-0:[node-init]\" in phase \"node-deploy\" of \"deploy\" plan"
                + " has been forced to complete.\n");
        CliRun restart = CliRun.against(server.url(), "plan", "force-restart", "deploy", "node-deploy");
        assertThat(restart.out()).isEqualTo("Phase \"node-deploy\" of \"deploy\" plan has been restarted.\n");
        CliRun start = CliRun.against(server.url(), "plan", "start", "deploy", "-p", "A=1", "-p", "B=x=y");
        assertThat(start.exit()).isZero();
        assertThat(server.requests()).extracting(StubScheduler.Request::pathAndQuery).containsExactly(
                "/v1/plans/deploy/forceComplete?phase=node-deploy&step=cockroachdb-0%3A%5Bnode-init%5D",
                "/v1/plans/deploy/restart?phase=node-deploy",
                "/v1/plans/deploy/start");
        assertThat(server.requests().get(2).body()).isEqualTo("{\"A\":\"1\",\"B\":\"x=y\"}");
    }
}
