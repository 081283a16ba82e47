package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.cockroachdb.mesos.local.ApiReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * COCKROACH_VERSION moved from v22.2 to v23.1 on a 3-node cluster with rows in it: the scheduler
 * sets {@code cluster.preserve_downgrade_option} before the first node restarts on v23.1, rolls the
 * nodes one at a time, and the cluster version stays 22.2 until {@code plan start finalize}; then a
 * patch release (v23.1.11 to v23.1.12) rolls with no preserve step. Each node's binary is asked over
 * SQL ({@code SELECT version()}), the settings with {@code SHOW CLUSTER SETTING}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MajorUpgradeTest {
    private static final int NODES = 3;
    private static final String OLD = "v22.2.15";
    private static final String NEW = "v23.1.11";
    private static final String PATCH = "v23.1.12";
    private static final Map<String, String> ENV = Map.of("HEALTH_GATE_SETTLE_SECONDS", "1");
    private E2eCluster cluster;
    private List<String> addresses;

    @BeforeAll
    void deploy() throws Exception {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("COCKROACH_VERSION", OLD);
        cluster = E2eCluster.start("major-upgrade", NODES, NODES, env);
        cluster.awaitDeployComplete();
        addresses = cluster.api().allTasks().stream().map(t -> cluster.pgAddressOn(t.agentId())).toList();
        Sql.execute(addresses.get(0), "CREATE TABLE kept (id INT PRIMARY KEY)", "INSERT INTO kept VALUES (1), (2), (3)");
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The release each reachable node runs, by address; a node that is down is left out. */
    private Map<String, String> releases() {
        Map<String, String> out = new HashMap<>();
        for (String address : addresses) {
            try {
                String text = Sql.column(address, "SELECT version()").get(0);
                out.put(address, text.replaceAll(".*\\b(v\\d+\\.\\d+\\.\\d+)\\b.*", "$1"));
            } catch (SQLException down) {
                // restarting: the next poll asks again
            }
        }
        return out;
    }

    private Optional<String> setting(String name) {
        for (String address : addresses) {
            try {
                return Optional.of(Sql.column(address, "SHOW CLUSTER SETTING " + name).get(0));
            } catch (SQLException down) {
                // try another node
            }
        }
        return Optional.empty();
    }

    @Test
    @Order(1)
    void theOptionIsSetBeforeTheFirstNodeRestartsAndTheVersionWaitsForFinalize() throws Exception {
        assertThat(releases().values()).hasSize(NODES).containsOnly(OLD);
        assertThat(setting("version")).contains("22.2");

        Map<String, String> env = new HashMap<>(ENV);
        env.put("COCKROACH_VERSION", NEW);
        assertThat(cluster.stopAndRestartScheduler(env)).isZero();

        AtomicInteger mostDown = new AtomicInteger();
        AtomicBoolean newWithoutOption = new AtomicBoolean();
        AtomicBoolean finalizedEarly = new AtomicBoolean();
        List<Integer> newCounts = new ArrayList<>();
        cluster.await().alias("every node on " + NEW + " and the deploy plan complete").until(() -> {
            Map<String, String> releases = releases();
            mostDown.accumulateAndGet(NODES - releases.size(), Math::max);
            int onNew = (int) releases.values().stream().filter(NEW::equals).count();
            if (newCounts.isEmpty() || newCounts.get(newCounts.size() - 1) != onNew) {
                newCounts.add(onNew);
            }
            Optional<String> preserve = setting("cluster.preserve_downgrade_option");
            if (onNew > 0 && preserve.isPresent() && !preserve.get().equals("22.2")) {
                newWithoutOption.set(true);
            }
            if (setting("version").filter(v -> !v.equals("22.2")).isPresent()) {
                finalizedEarly.set(true);
            }
            return releases.size() == NODES && onNew == NODES && cluster.api().plan("deploy").status() == 200;
        });

        assertThat(newWithoutOption.get()).as("a node ran " + NEW + " before the option was set").isFalse();
        assertThat(mostDown.get()).as("nodes down at once").isLessThanOrEqualTo(1);
        assertThat(newCounts).as("nodes on " + NEW + " over the roll").containsSubsequence(1, 2, 3);
        assertThat(finalizedEarly.get()).as("the version moved before finalize").isFalse();
        assertThat(setting("cluster.preserve_downgrade_option")).contains("22.2");
        assertThat(setting("version")).contains("22.2");
        ApiReply finalize = cluster.api().plan("finalize");
        assertThat(finalize.status()).isEqualTo(202);
        assertThat(finalize.body()).contains("waiting for `plan start finalize`");

        ApiReply started = cluster.api().post("/v1/plans/finalize/start");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        cluster.awaitPlan("finalize", 200);

        assertThat(setting("version")).contains("23.1");
        assertThat(setting("cluster.preserve_downgrade_option")).contains("");
        for (String address : addresses) {
            assertThat(Sql.column(address, "SELECT id FROM kept ORDER BY id")).containsExactly("1", "2", "3");
        }
    }

    @Test
    @Order(2)
    void aPatchReleaseRollsWithoutThePreserveStep() throws Exception {
        Map<String, String> env = new HashMap<>(ENV);
        env.put("COCKROACH_VERSION", PATCH);
        assertThat(cluster.stopAndRestartScheduler(env)).isZero();

        AtomicBoolean preserveStepSeen = new AtomicBoolean();
        AtomicBoolean optionSeen = new AtomicBoolean();
        cluster.await().alias("every node on " + PATCH).until(() -> {
            ApiReply deploy = cluster.api().plan("deploy");
            if (deploy.body().contains("preserve-downgrade")) {
                preserveStepSeen.set(true);
            }
            if (setting("cluster.preserve_downgrade_option").filter(v -> !v.isEmpty()).isPresent()) {
                optionSeen.set(true);
            }
            Map<String, String> releases = releases();
            return releases.size() == NODES && releases.values().stream().allMatch(PATCH::equals)
                    && deploy.status() == 200;
        });

        assertThat(preserveStepSeen.get()).isFalse();
        assertThat(optionSeen.get()).isFalse();
        assertThat(setting("version")).contains("23.1");
        assertThat(cluster.api().plan("finalize").status()).isEqualTo(200);
        assertThat(Sql.column(addresses.get(0), "SELECT id FROM kept ORDER BY id")).containsExactly("1", "2", "3");
    }
}
