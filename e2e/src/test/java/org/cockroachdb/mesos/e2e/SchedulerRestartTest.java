package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scheduler crashes (SIGKILL) during and after the deploy: it picks up where it was, with the
 * same framework, the same tasks and no new reservations.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerRestartTest {
    private static E2eCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = E2eCluster.start("scheduler-restart", 3, 3, Map.of());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aCrashDuringTheDeployStillEndsWithThreeNodesAndNoDuplicates() throws Exception {
        cluster.requireEmulator("watches the emulator for the first launch");
        // crash as soon as the first task reaches an agent: the deploy is surely unfinished then
        cluster.await().alias("a first task launched").until(() -> !cluster.local().emulator().state().tasks().isEmpty());
        assertThat(cluster.api().plan("deploy").status()).as("deploy plan still in progress at the crash").isNotEqualTo(200);
        String frameworkId = cluster.api().frameworkId();

        cluster.crashAndRestartScheduler(Map.of());

        cluster.awaitDeployComplete();
        assertThat(cluster.api().frameworkId()).isEqualTo(frameworkId);
        List<TaskSnapshot> tasks = cluster.api().allTasks();
        assertThat(tasks.stream().map(TaskSnapshot::name).toList()).doesNotHaveDuplicates().hasSize(3);
        assertThat(cluster.runningTasksInEmulator(frameworkId)).as("running tasks of our framework").hasSize(3);
    }

    @Test
    @Order(2)
    void aCrashAfterTheDeployChangesNothing() throws Exception {
        cluster.awaitDeployComplete();
        String frameworkId = cluster.api().frameworkId();
        List<TaskSnapshot> before = cluster.api().allTasks();
        List<String> reservationsBefore = cluster.local().hasEmulator()
                ? sorted(cluster.local().emulator().state().reservations()) : List.of();

        cluster.crashAndRestartScheduler(Map.of());

        cluster.awaitDeployComplete();
        List<TaskSnapshot> after = cluster.api().allTasks();
        assertThat(cluster.api().frameworkId()).as("framework id").isEqualTo(frameworkId);
        assertThat(names(after)).isEqualTo(names(before));
        assertThat(after.stream().map(TaskSnapshot::taskId).collect(Collectors.toSet())).as("task ids (untouched)")
                .isEqualTo(before.stream().map(TaskSnapshot::taskId).collect(Collectors.toSet()));
        assertThat(resourceIds(after)).as("resource ids").isEqualTo(resourceIds(before));
        if (cluster.local().hasEmulator()) {
            assertThat(sorted(cluster.local().emulator().state().reservations())).as("reservations on the agents")
                    .isEqualTo(reservationsBefore);
            assertThat(cluster.runningTasksInEmulator(frameworkId)).hasSize(3);
        }
    }

    private static Set<String> names(List<TaskSnapshot> tasks) {
        return tasks.stream().map(TaskSnapshot::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> resourceIds(List<TaskSnapshot> tasks) {
        return tasks.stream().flatMap(t -> t.resourceIds().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
