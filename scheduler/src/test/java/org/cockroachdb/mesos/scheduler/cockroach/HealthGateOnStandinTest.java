package org.cockroachdb.mesos.scheduler.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate against a real three-node stand-in cluster over real HTTP: it opens only after the
 * settle time, closes the moment a node dies, says why (first the dead node, then the ranges it
 * left under-replicated), and opens again once the node is back and the cluster has settled.
 */
class HealthGateOnStandinTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private StandinNodes cluster;
    private final StatusVarsClient client = new StatusVarsClient();

    /** What the scheduler keeps between checks. */
    private Optional<Instant> healthySince = Optional.empty();

    /** One check as the scheduler makes it: read every node, track the healthy streak, decide. */
    private record Check(List<NodeVars> nodes, List<String> problems, GateVerdict verdict, Instant at) {
        String reason() {
            return verdict instanceof GateVerdict.Wait w ? w.reason() : "";
        }
    }

    private Check check() throws Exception {
        List<NodeVars> nodes = client.fetchAll(cluster.httpAddresses()).get(10, TimeUnit.SECONDS);
        Instant now = Instant.now();
        healthySince = HealthGate.nextHealthySince(HealthGate.healthy(3, nodes), healthySince, now);
        return new Check(nodes, HealthGate.problems(3, nodes), HealthGate.evaluate(3, nodes, healthySince, now, SETTLE),
                now);
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theGateFollowsANodeThatDiesAndComesBack() throws Exception {
        cluster = new StandinNodes(dir, 3);
        for (int i = 0; i < 3; i++) {
            cluster.start(i);
        }
        cluster.init();

        // healthy: the first healthy reading starts the settle time, and the gate opens only after it
        Check firstHealthy = await().atMost(WAIT).until(this::check, c -> c.problems().isEmpty());
        assertThat(firstHealthy.verdict())
                .isEqualTo(new GateVerdict.Wait("cluster healthy for 0s; waiting for 2s of settle time"));
        Instant streakStart = healthySince.orElseThrow();
        Check pass = await().atMost(WAIT).until(this::check, c -> c.verdict() instanceof GateVerdict.Pass);
        assertThat(Duration.between(streakStart, pass.at())).isGreaterThanOrEqualTo(SETTLE);

        // a node dies: the gate closes at once and names it
        cluster.kill(1);
        Check justDied = check();
        assertThat(justDied.verdict()).isInstanceOf(GateVerdict.Wait.class);
        assertThat(justDied.problems()).contains("cockroachdb-1 is not reachable: connection refused");
        assertThat(healthySince).isEmpty();
        if (justDied.nodes().stream().allMatch(n -> n.vars().flatMap(StatusVars::underReplicated).orElse(0L) == 0)) {
            // the others have not yet noticed (liveness takes seconds): the dead node is the news
            assertThat(justDied.reason()).startsWith("cockroachdb-1 is not reachable: connection refused");
        }

        // once its liveness lapses, the survivors report what it left under-replicated
        Check underReplicated = await().atMost(WAIT).until(this::check,
                c -> c.reason().matches("waiting for \\d+ under-replicated ranges? on cockroachdb-[02] \\(store \\d+\\).*"));
        assertThat(underReplicated.reason()).matches(".*, and \\d+ other problems?");
        assertThat(underReplicated.problems()).contains("cockroachdb-1 is not reachable: connection refused",
                "2 of 3 nodes live (cockroachdb-0 reports)", "2 of 3 nodes live (cockroachdb-2 reports)");

        // back on its own store: the gate opens again, after a fresh settle time
        Instant restarted = Instant.now();
        cluster.start(1);
        Check passAgain = await().atMost(WAIT).until(this::check, c -> c.verdict() instanceof GateVerdict.Pass);
        assertThat(passAgain.nodes()).allSatisfy(n -> assertThat(n.vars()).isPresent());
        assertThat(healthySince.orElseThrow()).isAfter(restarted);
        assertThat(Duration.between(healthySince.orElseThrow(), passAgain.at())).isGreaterThanOrEqualTo(SETTLE);
    }
}
