package org.cockroachdb.mesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cockroachdb.mesos.universe.OptionsRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --options}: the real scheduler configured by the rendered package, as a DC/OS install
 * would configure it, with only local mode's own settings kept; and a refused file starts nothing.
 */
class LocalClusterOptionsTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** Ports from the options, free on the first agent's address (other local clusters may hold the defaults). */
    @Test
    void theSchedulerRunsWithThePackagesEnvAndReportsTheServiceName() throws Exception {
        int pgPort = freePort();
        int httpPort = freePort();
        Path options = Files.writeString(dir.resolve("crdb.json"),
                "{\"service\":{\"name\":\"crdb-local\"},\"node\":{\"count\":1,\"cpus\":0.5,\"mem\":2048,"
                        + "\"pg_port\":" + pgPort + ",\"http_port\":" + httpPort + "},"
                        + "\"update\":{\"health_gate_settle_seconds\":1}}");
        try (LocalCluster cluster = LocalCluster.builder().agents(1).workDir(dir.resolve("work")).fast()
                .options(options).start()) {
            Map<String, String> env = cluster.schedulerEnvironment();
            assertThat(env).containsEntry("FRAMEWORK_NAME", "crdb-local")
                    .containsEntry("NODE_COUNT", "1")
                    .containsEntry("NODE_CPUS", "0.5")
                    .containsEntry("NODE_MEM", "2048")
                    .containsEntry("COCKROACH_PG_PORT", String.valueOf(pgPort))
                    .containsEntry("COCKROACH_HTTP_PORT", String.valueOf(httpPort))
                    .containsEntry("HEALTH_GATE_SETTLE_SECONDS", "1")
                    .containsEntry("BACKUP_REGION", "us-east-1")
                    .containsEntry("MESOS_MASTER", cluster.mesosMaster())
                    .containsEntry("ZOOKEEPER", cluster.zkConnect())
                    .containsEntry("PORT_API", String.valueOf(cluster.apiUri().getPort()))
                    .containsEntry("NODE_ADDRESSING", "agent-ip")
                    .containsEntry("COCKROACH_BINARY", cluster.cockroachBinary().toString())
                    .containsEntry("EXECUTOR_URI", "")
                    .containsEntry("JAVA_URI", "")
                    .containsEntry("COCKROACH_URI", "");
            assertThat(env.get("EXECUTOR_COMMAND")).endsWith("'org.cockroachdb.mesos.executor.ExecutorMain'");

            SchedulerApi api = new SchedulerApi(cluster.apiUri());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> api.plan("deploy").status() == 200);
            ApiReply pg = api.endpoints("pg");
            assertThat(pg.json().path("vip").asText()).isEqualTo("pg.crdb-local.l4lb.thisdcos.directory:" + pgPort);
            assertThat(pg.json().path("address").toString()).isEqualTo("[\"127.0.1.1:" + pgPort + "\"]");
            assertThat(api.get("/v1/configurations/target").json().toString()).contains("crdb-local");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.1.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedOptionsFileStartsNothing() throws Exception {
        Path options = Files.writeString(dir.resolve("bad.json"), "{\"node\":{\"count\":\"three\"}}");
        Path work = dir.resolve("work");
        assertThatThrownBy(() -> LocalCluster.builder().agents(1).workDir(work).fast().options(options).start())
                .isInstanceOf(OptionsRefused.class)
                .hasMessage(options + ": node.count: string found, integer expected");
        assertThat(work).doesNotExist();

        Path tooMany = Files.writeString(dir.resolve("five.json"), "{\"node\":{\"count\":5}}");
        assertThatThrownBy(() -> LocalCluster.builder().agents(3).workDir(work).fast().options(tooMany).start())
                .isInstanceOf(OptionsRefused.class)
                .hasMessageContaining("node.count (5) must not exceed the agents (3)");
        assertThat(work).doesNotExist();
    }

    @Test
    void theCommandSaysWhatIsWrongOnOneLineAndExits2() throws Exception {
        Path options = Files.writeString(dir.resolve("typo.json"), "{\"service\":{\"nmae\":\"x\"}}");
        Path work = dir.resolve("work");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalMain.class.getName(),
                "--options", options.toString(), "--work-dir", work.toString())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        List<String> err = Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        assertThat(err).hasSize(1);
        assertThat(err.get(0)).startsWith("local-cluster: " + options + ": service.nmae: unknown option");
        assertThat(work).doesNotExist();
    }
}
