package org.cockroachdb.mesos.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RefusalTest {
    private static final URI URL = URI.create("https://dcos/service/cockroachdb/v1/plans/deploy");

    private static String describe(int status, String body) {
        return Refusal.describe(new Answer("GET", URL, status, body), "cockroachdb");
    }

    @Test
    void unauthorisedSaysToLogIn() {
        assertThat(describe(401, "")).contains("run `dcos auth login`");
        assertThat(describe(403, "<html>…</html>")).contains("run `dcos auth login`");
    }

    @Test
    void theSchedulersOwnNotFoundIsPrintedAsIs() {
        assertThat(describe(404, "Plan nope not found\n")).isEqualTo("Plan nope not found");
        assertThat(describe(404, "{\"message\":\"Phase x not found\"}")).isEqualTo("Phase x not found");
        assertThat(describe(404, "Pod cockroachdb-9 not found\n")).isEqualTo("Pod cockroachdb-9 not found");
    }

    @Test
    void anyOtherNotFoundMeansTheServiceIsMissingOrStarting() {
        assertThat(describe(404, "<html><body>404 Not Found</body></html>"))
                .isEqualTo("service 'cockroachdb' not found or still starting (" + URL + ")");
    }

    @Test
    void serverErrorsSayTheSchedulerIsUnavailable() {
        assertThat(describe(503, "{\"message\":\"the scheduler is busy; try again\"}"))
                .isEqualTo("the scheduler is unavailable (503): the scheduler is busy; try again");
        assertThat(describe(502, "")).isEqualTo("the scheduler is unavailable (502)");
    }

    @Test
    void otherRefusalsGiveTheSchedulersReasonOnOneLine() {
        assertThat(describe(400, "{\"message\":\"Missing phase\"}")).isEqualTo("Missing phase");
        assertThat(describe(409, "one\nline\n")).isEqualTo("one line");
        assertThat(describe(418, "")).isEqualTo("GET " + URL + " answered 418");
    }
}
