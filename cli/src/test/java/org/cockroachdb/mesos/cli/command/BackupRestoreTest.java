package org.cockroachdb.mesos.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.cockroachdb.mesos.cli.CliRun;
import org.cockroachdb.mesos.cli.StubScheduler;
import org.cockroachdb.mesos.cli.StubScheduler.Reply;
import org.cockroachdb.mesos.cli.output.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * backup and restore against a scheduler that speaks the backup/restore plan contract (the real
 * scheduler's plans are not there yet): {@code POST /v1/plans/<plan>/start} with the parameters,
 * then {@code GET /v1/plans/<plan>} whose step message carries phase and bytes.
 */
class BackupRestoreTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2024-05-01T12:34:56Z"), ZoneId.of("UTC"));
    private static final Map<String, String> AWS = Map.of("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI-secret");

    private StubScheduler server;

    @BeforeEach
    void start() throws Exception {
        server = new StubScheduler();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String plan(String status, String stepStatus, String message) {
        return "{\"phases\":[{\"id\":\"p\",\"name\":\"backup\",\"steps\":[{\"id\":\"s\",\"status\":\"" + stepStatus
                + "\",\"name\":\"admin-0:[backup]\",\"message\":\"" + message + "\"}],\"status\":\"" + status
                + "\",\"strategy\":\"serial\"}],\"errors\":[],\"status\":\"" + status + "\",\"strategy\":\"serial\"}";
    }

    /** Each GET moves the plan one state on; the last state stays. */
    private void planGoesThrough(String name, List<String> states) {
        AtomicInteger next = new AtomicInteger();
        server.route("GET /v1/plans/" + name, r -> {
            String body = states.get(Math.min(next.getAndIncrement(), states.size() - 1));
            String status = Json.parse(body).orElseThrow().path("status").asText();
            return Reply.json(status.equals("COMPLETE") ? 200 : status.equals("ERROR") ? 417 : 202, body);
        });
    }

    @Test
    void backupStartsThePlanWithTheOriginalParametersAndFollowsItToTheEnd() {
        server.route("POST /v1/plans/backup/start", r -> Reply.json(200,
                "{\"message\":\"Received cmd: start backup with parameters: {AWS_SECRET_ACCESS_KEY=****}\"}"));
        planGoesThrough("backup", List.of(
                plan("PENDING", "PENDING", ""),
                plan("IN_PROGRESS", "STARTED", "phase=dump bytes=0"),
                plan("IN_PROGRESS", "STARTED", "phase=dump bytes=0"),
                plan("IN_PROGRESS", "STARTED", "phase=upload bytes=1048576"),
                plan("COMPLETE", "COMPLETE", "phase=done bytes=2097152")));

        CliRun run = CliRun.run(AWS, NOON, "backup", "bank", "my-bucket", "--url", server.url(), "--interval", "0.1",
                "--endpoint", "http://127.0.0.1:9000");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("""
                Backup of database bank to s3://my-bucket/cockroach-backups/2024-05-01_12:34:56 started.
                backup PENDING: admin-0:[backup]
                backup IN_PROGRESS: admin-0:[backup] phase=dump bytes=0
                backup IN_PROGRESS: admin-0:[backup] phase=upload bytes=1048576
                backup COMPLETE: admin-0:[backup] phase=done bytes=2097152
                """);
        StubScheduler.Request start = server.requests().get(0);
        assertThat(start.method() + " " + start.pathAndQuery()).isEqualTo("POST /v1/plans/backup/start");
        assertThat(start.header("Content-Type")).contains("application/json");
        JsonNode sent = Json.parse(start.body()).orElseThrow();
        assertThat(sent.size()).isEqualTo(9);
        assertThat(sent.path("DATABASE_NAME").asText()).isEqualTo("bank");
        assertThat(sent.path("S3_BUCKET_NAME").asText()).isEqualTo("my-bucket");
        assertThat(sent.path("S3_DIR_PATH").asText()).isEqualTo("cockroach-backups");
        assertThat(sent.path("BACKUP_DIR").asText()).isEqualTo("2024-05-01_12:34:56");
        assertThat(sent.path("AWS_DEFAULT_REGION").asText()).isEqualTo("us-west-1");
        assertThat(sent.path("AWS_ACCESS_KEY_ID").asText()).isEqualTo("AKIAEXAMPLE");
        assertThat(sent.path("AWS_SECRET_ACCESS_KEY").asText()).isEqualTo("wJalrXUtnFEMI-secret");
        assertThat(sent.path("S3_ENDPOINT").asText()).isEqualTo("http://127.0.0.1:9000");
        assertThat(sent.path("BACKUP_MODE").asText()).isEqualTo("auto");
        assertThat(run.out() + run.err()).doesNotContain("wJalrXUtnFEMI-secret");
    }

    @Test
    void aFailedJobExitsOneWithItsMessage() {
        server.route("POST /v1/plans/restore/start", r -> Reply.json(200, "{\"message\":\"ok\"}"));
        planGoesThrough("restore", List.of(plan("ERROR", "ERROR", "phase=download error=NoSuchKey")));
        CliRun run = CliRun.run(AWS, "restore", "bank", "my-bucket", "2024-05-01_12:34:56", "--force",
                "--url", server.url(), "--interval", "0.1", "--mode", "dump", "-p", "backups", "-r", "eu-west-1");
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                Restore of database bank from s3://my-bucket/backups/2024-05-01_12:34:56 started.
                restore ERROR: admin-0:[backup] phase=download error=NoSuchKey
                """);
        JsonNode sent = Json.parse(server.requests().get(0).body()).orElseThrow();
        assertThat(sent.path("RESTORE_FORCE").asText()).isEqualTo("true");
        assertThat(sent.path("BACKUP_DIR").asText()).isEqualTo("2024-05-01_12:34:56");
        assertThat(sent.path("BACKUP_MODE").asText()).isEqualTo("dump");
        assertThat(sent.path("S3_DIR_PATH").asText()).isEqualTo("backups");
        assertThat(sent.path("AWS_DEFAULT_REGION").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void noWaitReturnsOnceAcceptedAndJsonKeepsProgressOffStdout() {
        server.route("POST /v1/plans/backup/start", r -> Reply.json(200, "{\"message\":\"accepted\"}"));
        planGoesThrough("backup", List.of(plan("COMPLETE", "COMPLETE", "bytes=1")));
        CliRun noWait = CliRun.run(AWS, "backup", "bank", "my-bucket", "--no-wait", "--url", server.url());
        assertThat(noWait.exit()).isZero();
        assertThat(server.requests()).hasSize(1);

        CliRun json = CliRun.run(AWS, "backup", "bank", "my-bucket", "--json", "--url", server.url(), "--interval", "0.1");
        assertThat(json.exit()).isZero();
        assertThat(json.out()).isEqualTo("{\"message\":\"accepted\"}\n");
        assertThat(json.err()).isEqualTo("backup COMPLETE: admin-0:[backup] bytes=1\n");
    }

    @Test
    void secretsAreMaskedEvenWhenAServerEchoesThem() {
        server.route("POST /v1/plans/backup/start", r -> Reply.json(400, "{\"message\":\"bad: " + r.body()
                .replace("\"", "'") + "\"}"));
        CliRun run = CliRun.run(Map.of("AWS_SESSION_TOKEN", "session-tok"), "backup", "bank", "my-bucket",
                "-k", "AKIA", "-s", "top-secret", "--url", server.url(), "-v");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("bad: ").doesNotContain("top-secret").doesNotContain("session-tok");
        assertThat(Json.parse(server.requests().get(0).body()).orElseThrow().path("AWS_SESSION_TOKEN").asText())
                .isEqualTo("session-tok");
    }
}
