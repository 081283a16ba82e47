package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.cockroachdb.mesos.local.ApiReply;
import org.cockroachdb.mesos.local.CommandLines;
import org.cockroachdb.mesos.testkit.emulator.EmulatorState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installed through the package path (options rendered into the scheduler's env as Cosmos would,
 * with a service name of its own), then {@code dcos package uninstall} as Cosmos does it: the
 * scheduler's app is updated with
 * {@code SDK_UNINSTALL=true} (a restart with that variable), and the app is removed once the deploy
 * plan is complete. By then nothing of the service may be left: no task, process, reservation,
 * volume or framework of ours in Mesos, and no ZooKeeper root.
 */
class UninstallTest {
    private static final String NAME = "crdb-gone";
    private static final String ROOT = "/dcos-service-" + NAME;
    private static final String ROLE = NAME + "-role";

    @TempDir
    Path options;

    private E2eCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anInstalledServiceUninstallsWithoutLeavingAnythingBehind() throws Exception {
        // Ports of its own: another local cluster on this machine may hold the defaults meanwhile.
        Path file = Files.writeString(options.resolve("options.json"), "{\"service\": {\"name\": \"" + NAME + "\"},"
                + " \"node\": {\"count\": 3, \"pg_port\": 26457, \"http_port\": 8323}}");
        cluster = E2eCluster.of(E2eCluster.builder("uninstall", 3, 3, Map.of()).options(file).start());
        var emulator = cluster.requireEmulator("reads reservations, volumes and frameworks from the emulator");
        cluster.awaitDeployComplete();
        assertThat(cluster.api().targetConfiguration().body()).as("installed from the options").contains("\"" + NAME + "\"");
        String frameworkId = cluster.api().frameworkId();
        assertThat(ourReservations(emulator.state())).isNotEmpty();
        assertThat(nodeProcesses()).as("executors and nodes running").isNotEmpty();

        cluster.stopAndRestartScheduler(Map.of("SDK_UNINSTALL", "true"));

        ApiReply done = cluster.awaitPlan("deploy", 200); // the uninstall plan; there is no recovery plan then
        assertThat(done.json().path("phases").findValuesAsText("name"))
                .contains("kill-tasks", "unreserve-resources", "deregister-service");
        EmulatorState state = emulator.state();
        assertThat(state.frameworks()).extracting(EmulatorState.FrameworkView::id).doesNotContain(frameworkId);
        assertThat(state.tasks()).filteredOn(t -> t.frameworkId().equals(frameworkId)).isEmpty();
        assertThat(ourReservations(state)).isEmpty();
        assertThat(state.volumes()).filteredOn(v -> v.role().equals(ROLE)).isEmpty();
        cluster.await().alias("no executor or cockroach process of the cluster left")
                .until(() -> nodeProcesses().isEmpty());
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(cluster.local().zkConnect(),
                new RetryOneTime(100))) {
            zk.start();
            assertThat(zk.checkExists().forPath(ROOT)).as("ZooKeeper root " + ROOT).isNull();
        }
        assertThat(cluster.local().schedulerRunning()).as("the scheduler serves until its app is removed").isTrue();
        assertThat(cluster.api().plan("deploy").status()).isEqualTo(200);
    }

    private static List<String> ourReservations(EmulatorState state) {
        return state.reservations().stream().filter(r -> r.contains("(" + ROLE + ")")).toList();
    }

    /** Processes of this cluster other than the scheduler: executors and the cockroach nodes they run. */
    private List<String> nodeProcesses() {
        String dir = cluster.local().workDir().toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> CommandLines.of(p).orElse(""))
                .filter(c -> c.contains(dir) && !c.contains("org.cockroachdb.mesos.scheduler.SchedulerMain"))
                .toList();
    }
}
