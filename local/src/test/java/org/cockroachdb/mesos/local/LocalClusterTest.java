package org.cockroachdb.mesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness without the real scheduler: ZooKeeper, the emulator registered in it, the cockroach
 * wrapper, a stand-in scheduler process, and that closing leaves nothing running.
 */
class LocalClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theWrapperScriptRunsCockroach() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().agents(1).workDir(dir).withoutScheduler().fast().start()) {
            Process p = new ProcessBuilder(cluster.cockroachBinary().toString(), "version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("Build Tag:");
            if (System.getenv("COCKROACH_BINARY") == null) {
                assertThat(out).contains(LocalCluster.DEFAULT_VERSION);
            }
        }
    }

    @Test
    void theSchedulerGetsLocalModeSettingsAndIsStoppedKilledAndRestarted() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().agents(1).nodes(1).workDir(dir).fast()
                .schedulerMain(FakeScheduler.class.getName()).env("NODE_CPUS", "0.25").start()) {
            SchedulerApi api = new SchedulerApi(cluster.apiUri());
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> api.plan("deploy").status() == 200);

            Map<String, String> env = envOf(cluster.schedulerProcess());
            assertThat(env).containsEntry("MESOS_MASTER", "zk://" + cluster.zkConnect() + "/mesos")
                    .containsEntry("ZOOKEEPER", cluster.zkConnect())
                    .containsEntry("NODE_COUNT", "1")
                    .containsEntry("NODE_CPUS", "0.25")
                    .containsEntry("NODE_ADDRESSING", "agent-ip")
                    .containsEntry("PORT_API", String.valueOf(cluster.apiUri().getPort()))
                    .containsEntry("COCKROACH_BINARY", cluster.cockroachBinary().toString())
                    .containsEntry("COCKROACH_PG_PORT", "26257")
                    .containsEntry("COCKROACH_HTTP_PORT", "8123");
            assertThat(env.get("EXECUTOR_COMMAND")).startsWith("exec '").endsWith("' 'org.cockroachdb.mesos.executor.ExecutorMain'");
            assertThatThrownBy(() -> cluster.startScheduler(Map.of())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running");

            assertThat(cluster.stopScheduler()).as("exit code after SIGTERM").isZero();
            assertThat(cluster.schedulerRunning()).isFalse();

            Process second = cluster.startScheduler(Map.of("NODE_CPUS", "2"));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> api.plan("deploy").status() == 200);
            assertThat(envOf(second)).containsEntry("NODE_CPUS", "2");
            assertThat(cluster.killScheduler()).as("exit code after SIGKILL").isEqualTo(137);
            assertThat(second.isAlive()).isFalse();
            assertThat(Files.readString(cluster.schedulerLog())).contains("==== scheduler started");
        }
        assertThat(Leftovers.find(dir.toRealPath())).isEmpty();
    }

    @Test
    void agentsRegisterInZooKeeperAndOfferTheNodePorts() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().agents(3).workDir(dir).withoutScheduler().fast().start();
             OfferProbe probe = OfferProbe.subscribe(cluster.mesosMaster())) {
            // the probe finds the master the way the scheduler will: through MESOS_MASTER=zk://…
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(probe.leader()).contains(cluster.emulator().masterUri()));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(probe.offeredHosts()).containsExactlyInAnyOrderElementsOf(
                            cluster.emulator().agents().stream().map(a -> a.hostname()).toList()));
            assertThat(probe.offeredHosts()).hasSize(3);
            for (String host : probe.offeredHosts()) {
                assertThat(probe.portsOffered(host)).as("ports offered by %s", host)
                        .contains(26257L, 8123L, 31000L, 31999L).doesNotContain(30999L, 32000L);
                assertThat(probe.scalar(host, "cpus")).isEqualTo(4.0);
                assertThat(probe.scalar(host, "mem")).isEqualTo(8192.0);
                assertThat(probe.scalar(host, "disk")).isEqualTo(20480.0);
            }
        }
    }

    @Test
    void closingKillsWhatOutlivedTheEmulatorAndLeavesNothingRunning() throws Exception {
        LocalCluster cluster = LocalCluster.builder().agents(1).workDir(dir).withoutScheduler().fast().start();
        Path marker = cluster.workDir();
        Path store = cluster.workDir().resolve("stray-store");
        // a node nobody supervises, as if its executor had died without taking it along
        Process stray = new ProcessBuilder(cluster.cockroachBinary().toString(), "start-single-node", "--insecure",
                "--store=path=" + store, "--listen-addr=127.0.0.1:0", "--http-addr=127.0.0.1:0")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stray.log").toFile()).start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> Leftovers.find(marker).stream().anyMatch(h -> h.pid() == stray.pid()));

        cluster.close();

        assertThat(stray.isAlive()).isFalse();
        assertThat(Leftovers.find(marker)).isEmpty();
        cluster.close(); // twice is harmless
    }

    @Test
    void aTempWorkDirIsDeletedOnCloseAndAGivenOneKept() throws Exception {
        Path temp;
        try (LocalCluster cluster = LocalCluster.builder().agents(1).withoutScheduler().fast().start()) {
            temp = cluster.workDir();
            assertThat(temp).isDirectory();
        }
        assertThat(temp).doesNotExist();
        try (LocalCluster cluster = LocalCluster.builder().agents(1).workDir(dir).withoutScheduler().fast().start()) {
            assertThat(cluster.cockroachBinary()).isExecutable();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("bin");
        }
    }

    private Map<String, String> envOf(Process scheduler) throws IOException {
        Path file = dir.toRealPath().resolve("fake-scheduler-env-" + scheduler.pid() + ".json");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(file) && Files.size(file) > 0);
        return new ObjectMapper().readValue(Files.readString(file), new TypeReference<Map<String, String>>() {});
    }
}
