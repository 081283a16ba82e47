package org.cockroachdb.mesos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.cockroachdb.mesos.cli.output.Json;
import org.cockroachdb.mesos.local.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command against the real scheduler of a local cluster (4 agents, so that a replaced node
 * has somewhere to go; 3 nodes). Commands that change the cluster run last, each waiting for the
 * deploy plan to be COMPLETE again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterCliTest {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static LocalCluster cluster;
    private static String url;

    @BeforeAll
    static void deploy() throws Exception {
        Path dir = Path.of("target", "it", "cli-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS")))
                .toAbsolutePath();
        Files.createDirectories(dir);
        cluster = LocalCluster.builder().agents(4).nodes(3).workDir(dir).fast().start();
        url = cluster.apiUri().toString();
        awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).pollDelay(Duration.ZERO)
                .failFast("the scheduler exited; its log: " + cluster.schedulerLog(), () -> !cluster.schedulerRunning());
    }

    /** Deployed and nothing recovering: a restarted or replaced node is back and ready. */
    private static void awaitDeployComplete() {
        await().alias("deploy plan COMPLETE").until(() -> cli("plan", "status", "deploy").exit() == 0
                && cli("plan", "status", "deploy").out().startsWith("deploy (parallel strategy) (COMPLETE)")
                || cli("plan", "status", "deploy").out().startsWith("deploy (serial strategy) (COMPLETE)"));
        await().alias("recovery plan COMPLETE").until(() -> cli("plan", "status", "recovery").out()
                .startsWith("recovery (parallel strategy) (COMPLETE)"));
    }

    private static CliRun cli(String... args) {
        return CliRun.against(url, args);
    }

    private static JsonNode json(CliRun run) {
        assertThat(run.exit()).as(run.toString()).isZero();
        return Json.parse(run.out()).orElseThrow(() -> new AssertionError("not JSON: " + run));
    }

    private static JsonNode task(String pod) {
        JsonNode tasks = json(cli("pod", "status", pod, "--json")).path("tasks");
        return tasks.isEmpty() ? Json.parse("{}").orElseThrow() : tasks.get(0);
    }

    private static String agentOf(String pod) {
        String agent = json(cli("pod", "info", pod)).path(0).path("info").path("agentId").path("value").asText();
        assertThat(agent).as("agent of " + pod).isNotEmpty();
        return agent;
    }

    @Test
    @Order(1)
    void endpoints() {
        assertThat(json(cli("endpoints")).toString()).isEqualTo("[\"http\",\"pg\"]");
        JsonNode pg = json(cli("endpoints", "pg"));
        assertThat(pg.path("address")).hasSize(3);
        assertThat(pg.path("vip").asText()).startsWith("pg.");
        assertThat(cli("endpoints", "pg", "--json").out()).isEqualTo(cli("endpoints", "pg").out());

        CliRun unknown = cli("endpoints", "nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("Endpoint nope not found\n");
    }

    @Test
    @Order(2)
    void podQueries() {
        assertThat(json(cli("pod", "list")).toString())
                .isEqualTo("[\"cockroachdb-0\",\"cockroachdb-1\",\"cockroachdb-2\"]");
        assertThat(cli("pods", "list").out()).isEqualTo(cli("pod", "list").out());

        CliRun tree = cli("pod", "status");
        assertThat(tree.exit()).as(tree.toString()).isZero();
        assertThat(tree.out()).isEqualTo("""
                cockroachdb
                └─ cockroachdb
                   ├─ cockroachdb-0
                   │  └─ cockroachdb-0-node-init (RUNNING)
                   ├─ cockroachdb-1
                   │  └─ cockroachdb-1-node-join (RUNNING)
                   └─ cockroachdb-2
                      └─ cockroachdb-2-node-join (RUNNING)
                """);
        assertThat(json(cli("pod", "status", "--json")).path("service").asText()).isEqualTo("cockroachdb");
        assertThat(cli("pod", "status", "cockroachdb-1").out()).isEqualTo("""
                cockroachdb-1
                └─ cockroachdb-1-node-join (RUNNING)
                """);
        JsonNode info = json(cli("pod", "info", "cockroachdb-0"));
        assertThat(info.path(0).path("info").path("name").asText()).isEqualTo("cockroachdb-0-node-init");
        assertThat(info.path(0).path("status").path("state").asText()).isEqualTo("TASK_RUNNING");

        for (String[] args : List.of(new String[] {"pod", "status", "cockroachdb-9"}, new String[] {"pod", "info", "cockroachdb-9"},
                new String[] {"pod", "restart", "cockroachdb-9"}, new String[] {"pod", "replace", "cockroachdb-9"})) {
            CliRun run = cli(args);
            assertThat(run.exit()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("Pod cockroachdb-9 not found\n");
        }
    }

    @Test
    @Order(3)
    void planQueriesAndDescribe() {
        assertThat(json(cli("plan", "list")).toString()).contains("\"deploy\"");
        CliRun status = cli("plan", "status", "deploy");
        assertThat(status.exit()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines.get(0)).matches("deploy \\((serial|parallel) strategy\\) \\(COMPLETE\\)");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.matches("(├─|└─|│  ├─|│  └─|   ├─|   └─) .+ \\([A-Z_]+\\)"));
        assertThat(status.out()).contains("cockroachdb-0:[node-init] (COMPLETE)");
        assertThat(json(cli("plan", "show", "deploy", "--json")).path("status").asText()).isEqualTo("COMPLETE");
        CliRun watch = cli("plan", "status", "deploy", "--watch", "--interval", "0.2");
        assertThat(watch.exit()).isZero();
        assertThat(watch.out()).isEqualTo(status.out());

        for (String[] args : List.of(new String[] {"plan", "status", "nope"}, new String[] {"plan", "start", "nope"},
                new String[] {"plan", "stop", "nope"}, new String[] {"plan", "pause", "nope"},
                new String[] {"plan", "resume", "nope"}, new String[] {"plan", "force-restart", "nope"},
                new String[] {"plan", "force-complete", "nope", "a", "b"})) {
            CliRun run = cli(args);
            assertThat(run.exit()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("Plan nope not found\n");
        }

        JsonNode target = json(cli("describe"));
        assertThat(target.isObject()).isTrue();
        assertThat(target.toString()).contains("3");
    }

    @Test
    @Order(4)
    void errorsOfTheCommandLineAndOfTheConnection() throws IOException {
        CliRun unknown = cli("bogus");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("Unmatched argument").hasLineCount(1);

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun refused = CliRun.against("http://127.0.0.1:" + closed, "endpoints", "pg");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("cannot reach http://127.0.0.1:" + closed + "/v1/endpoints/pg: connection refused\n");

        CliRun missingPhase = cli("plan", "force-complete", "deploy", "nophase", "x");
        assertThat(missingPhase.exit()).isEqualTo(1);
        assertThat(missingPhase.err()).isEqualTo("Phase nophase not found\n");
    }

    @Test
    @Order(5)
    void alreadyInStateIsReportedAndExitsZero() {
        String phase = json(cli("plan", "status", "deploy", "--json")).path("phases").path(0).path("name").asText();
        String step = json(cli("plan", "status", "deploy", "--json")).path("phases").path(0).path("steps").path(0)
                .path("name").asText();
        for (String[] args : List.of(new String[] {"plan", "pause", "deploy"}, new String[] {"plan", "resume", "deploy"},
                new String[] {"plan", "force-complete", "deploy", phase, step})) {
            CliRun run = cli(args);
            assertThat(run.exit()).as(run.toString()).isZero();
            assertThat(run.out()).isEqualTo("Command already issued or plan completed; nothing to do.\n");
        }
    }

    @Test
    @Order(6)
    void stopPauseStartAndWatch() {
        assertThat(json(cli("plan", "stop", "deploy")).path("message").asText()).isEqualTo("Received cmd: stop");
        // Stopped means interrupted: a pause has nothing left to do.
        assertThat(cli("plan", "pause", "deploy").out()).isEqualTo("Command already issued or plan completed; nothing to do.\n");
        assertThat(json(cli("plan", "start", "deploy", "-p", "CLI_TEST=yes")).path("message").asText())
                .isEqualTo("Received cmd: start deploy with parameters: {CLI_TEST=yes}");

        CliRun watch = cli("plan", "status", "deploy", "--watch", "--interval", "0.3");
        assertThat(watch.exit()).as(watch.toString()).isZero();
        String[] trees = watch.out().split("\n\n");
        assertThat(trees[trees.length - 1]).startsWith("deploy (").contains("(COMPLETE)\n");
        for (int i = 1; i < trees.length; i++) {
            assertThat(trees[i]).as("a refresh is printed only when something changed").isNotEqualTo(trees[i - 1]);
        }
        awaitDeployComplete();
    }

    @Test
    @Order(7)
    void forceRestartOfAStepRelaunchesItsNode() {
        String before = task("cockroachdb-1").path("id").asText();
        JsonNode phase = json(cli("plan", "status", "deploy", "--json")).path("phases").path(0);
        String step = null;
        for (JsonNode s : phase.path("steps")) {
            if (s.path("name").asText().startsWith("cockroachdb-1:")) {
                step = s.path("name").asText();
            }
        }
        CliRun run = cli("plan", "force-restart", "deploy", phase.path("name").asText(), step);
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("Step \"" + step + "\" in phase \"" + phase.path("name").asText()
                + "\" of \"deploy\" plan has been restarted.\n");
        await().alias("cockroachdb-1 relaunched").until(() -> {
            JsonNode t = task("cockroachdb-1");
            return !t.path("id").asText().equals(before) && t.path("status").asText().equals("RUNNING");
        });
        awaitDeployComplete();
    }

    @Test
    @Order(8)
    void podRestartRelaunchesInPlace() {
        String before = task("cockroachdb-1").path("id").asText();
        String agent = agentOf("cockroachdb-1");
        JsonNode reply = json(cli("pod", "restart", "cockroachdb-1"));
        assertThat(reply.path("pod").asText()).isEqualTo("cockroachdb-1");
        assertThat(reply.path("tasks")).extracting(JsonNode::asText).containsExactly("cockroachdb-1-node-join");
        await().alias("cockroachdb-1 running again").until(() -> {
            JsonNode t = task("cockroachdb-1");
            return !t.path("id").asText().equals(before) && t.path("status").asText().equals("RUNNING");
        });
        assertThat(agentOf("cockroachdb-1")).isEqualTo(agent);
        awaitDeployComplete();
    }

    @Test
    @Order(9)
    void podReplaceMovesTheNodeToAnotherAgent() {
        String agent = agentOf("cockroachdb-2");
        JsonNode reply = json(cli("pod", "replace", "cockroachdb-2"));
        assertThat(reply.path("pod").asText()).isEqualTo("cockroachdb-2");
        await().alias("cockroachdb-2 running on another agent").until(() ->
                task("cockroachdb-2").path("status").asText().equals("RUNNING") && !agentOf("cockroachdb-2").equals(agent));
        awaitDeployComplete();
    }

    @Test
    @Order(10)
    void theLauncherRunsTheCliAsTheDcosCliWould(@TempDir Path dir) throws Exception {
        Path home = PluginLayout.build(dir);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/dcos-cockroachdb").toString(),
                "cockroachdb", "endpoints", "pg", "--url", url));
        String expected = cli("endpoints", "pg").out();
        for (int run = 0; run < 2; run++) {
            // The first run records the class-data archive, the second one uses it.
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("exit; stderr: " + err).isZero();
            assertThat(out).isEqualTo(expected);
            assertThat(err).isEmpty();
            assertThat(home.resolve("lib/cli.jsa")).exists();
        }
        ProcessBuilder info = new ProcessBuilder(home.resolve("bin/dcos-cockroachdb").toString(), "cockroachdb", "--info");
        info.environment().put("DCOS_COCKROACHDB_CDS", "off");
        Process p = info.start();
        assertThat(new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("Manage CockroachDB clusters on DC/OS\n");
        assertThat(p.waitFor()).isZero();
    }
}
