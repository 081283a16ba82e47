package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.cockroachdb.mesos.local.ApiReply;
import org.cockroachdb.mesos.local.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invalid settings: refused with the variable named, and nothing running is touched; nothing launched on a fresh install. */
class BadConfigTest {
    private static E2eCluster cluster;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = E2eCluster.start("bad-config", 3, 3, Map.of());
        cluster.awaitDeployComplete();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void anInvalidUpdateIsShownAsPlanErrorsAndLeavesTheNodesAlone() throws Exception {
        Set<String> taskIds = taskIds(cluster.api().allTasks());
        String frameworkId = cluster.api().frameworkId();

        assertThat(cluster.stopAndRestartScheduler(Map.of("NODE_CPUS", "-1"))).as("exit code on SIGTERM").isZero();

        ApiReply plan = cluster.awaitPlan("deploy", 417);
        assertThat(plan.json().path("errors").toString()).contains("NODE_CPUS");
        // the old target keeps running: same tasks, all running, for a while after the refusal
        cluster.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> {
            List<TaskSnapshot> tasks = cluster.api().allTasks();
            return taskIds(tasks).equals(taskIds) && tasks.stream().allMatch(TaskSnapshot::running);
        });
        if (cluster.local().hasEmulator()) {
            assertThat(cluster.runningTasksInEmulator(frameworkId).stream().map(t -> t.taskId()).collect(Collectors.toSet()))
                    .isEqualTo(taskIds);
        }
        assertThat(cluster.local().schedulerRunning()).as("the scheduler keeps running").isTrue();
    }

    @Test
    void anInvalidFirstInstallExitsAndLaunchesNothing() throws Exception {
        try (LocalCluster fresh = E2eCluster.builder("bad-config-fresh", 1, 1, Map.of("NODE_DISK_TYPE", "FLOPPY")).start()) {
            Process scheduler = fresh.schedulerProcess();
            Awaitility.await().atMost(E2eCluster.WAIT).pollInterval(E2eCluster.POLL).until(() -> !scheduler.isAlive());
            assertThat(scheduler.exitValue()).as("exit code; log:\n%s", fresh.schedulerLogTail(20)).isEqualTo(2);
            assertThat(fresh.schedulerLogTail(20)).contains("NODE_DISK_TYPE");
            if (fresh.hasEmulator()) {
                assertThat(fresh.emulator().state().frameworks()).as("frameworks registered").isEmpty();
                assertThat(fresh.emulator().state().tasks()).as("tasks launched").isEmpty();
                assertThat(fresh.emulator().state().reservations()).as("reservations made").isEmpty();
            }
        }
    }

    private static Set<String> taskIds(List<TaskSnapshot> tasks) {
        return tasks.stream().map(TaskSnapshot::taskId).collect(Collectors.toSet());
    }
}
