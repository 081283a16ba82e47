package org.cockroachdb.mesos.scheduler.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HealthGateTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Optional<Instant> LONG_AGO = Optional.of(NOW.minusSeconds(600));

    private static NodeVars node(int i, long live, long under, long unavailable) {
        String store = Integer.toString(i + 1);
        return NodeVars.read("cockroachdb-" + i,
                new StatusVars(Optional.of(live), Map.of(store, under), Map.of(store, unavailable)));
    }

    private static List<NodeVars> healthy() {
        return List.of(node(0, 3, 0, 0), node(1, 3, 0, 0), node(2, 3, 0, 0));
    }

    private static GateVerdict gate(List<NodeVars> nodes) {
        return HealthGate.evaluate(3, nodes, LONG_AGO, NOW, SETTLE);
    }

    private static GateVerdict.Wait waits(String reason) {
        return new GateVerdict.Wait(reason);
    }

    @Test
    void aHealthyClusterPassesOnceItHasSettled() {
        assertThat(gate(healthy())).isEqualTo(new GateVerdict.Pass());
        assertThat(HealthGate.evaluate(3, healthy(), Optional.of(NOW.minus(SETTLE)), NOW, SETTLE))
                .isEqualTo(new GateVerdict.Pass());
        assertThat(HealthGate.healthy(3, healthy())).isTrue();
    }

    @Test
    void aHealthyClusterWaitsOutTheSettleTime() {
        assertThat(HealthGate.evaluate(3, healthy(), Optional.of(NOW.minusSeconds(12)), NOW, SETTLE))
                .isEqualTo(waits("cluster healthy for 12s; waiting for 60s of settle time"));
        assertThat(HealthGate.evaluate(3, healthy(), Optional.of(NOW.minusMillis(59_950)), NOW, SETTLE))
                .isEqualTo(waits("cluster healthy for 59.9s; waiting for 60s of settle time"));
        assertThat(HealthGate.evaluate(3, healthy(), Optional.empty(), NOW, SETTLE))
                .isEqualTo(waits("cluster healthy; waiting for 60s of settle time"));
    }

    @Test
    void aClockThatSteppedBackDoesNotShortenTheSettleTime() {
        assertThat(HealthGate.evaluate(3, healthy(), Optional.of(NOW.plusSeconds(30)), NOW, SETTLE))
                .isEqualTo(waits("cluster healthy for 0s; waiting for 60s of settle time"));
    }

    @Test
    void withNoSettleTimeAHealthyReadingPassesAtOnce() {
        assertThat(HealthGate.evaluate(3, healthy(), Optional.empty(), NOW, Duration.ZERO))
                .isEqualTo(new GateVerdict.Pass());
    }

    @Test
    void underReplicatedRangesNameTheNodeAndStore() {
        assertThat(gate(List.of(node(0, 3, 0, 0), node(1, 3, 0, 0), node(2, 3, 3, 0))))
                .isEqualTo(waits("waiting for 3 under-replicated ranges on cockroachdb-2 (store 3)"));
        assertThat(gate(List.of(node(0, 3, 1, 0), node(1, 3, 0, 0), node(2, 3, 0, 0))))
                .isEqualTo(waits("waiting for 1 under-replicated range on cockroachdb-0 (store 1)"));
    }

    @Test
    void aNodeWithSeveralStoresNamesTheStoresThatAreShort() {
        NodeVars twoStores = NodeVars.read("cockroachdb-1", new StatusVars(Optional.of(3L),
                Map.of("4", 2L, "5", 0L, "6", 1L), Map.of("4", 0L, "5", 0L, "6", 0L)));

        assertThat(gate(List.of(node(0, 3, 0, 0), twoStores, node(2, 3, 0, 0))))
                .isEqualTo(waits("waiting for 3 under-replicated ranges on cockroachdb-1 (stores 4, 6)"));
    }

    @Test
    void unavailableRangesComeFirstAndTheOtherProblemsAreCounted() {
        List<NodeVars> nodes = List.of(node(0, 2, 20, 60), node(1, 2, 40, 0),
                NodeVars.unreachable("cockroachdb-2", "connection refused"));

        assertThat(gate(nodes)).isEqualTo(waits("waiting for 60 unavailable ranges on cockroachdb-0 (store 1), "
                + "and 5 other problems"));
        assertThat(HealthGate.problems(3, nodes)).containsExactly(
                "waiting for 60 unavailable ranges on cockroachdb-0 (store 1)",
                "waiting for 20 under-replicated ranges on cockroachdb-0 (store 1)",
                "waiting for 40 under-replicated ranges on cockroachdb-1 (store 2)",
                "cockroachdb-2 is not reachable: connection refused",
                "2 of 3 nodes live (cockroachdb-0 reports)",
                "2 of 3 nodes live (cockroachdb-1 reports)");
    }

    @Test
    void anUnreachableNodeIsNamedWithWhy() {
        assertThat(gate(List.of(node(0, 3, 0, 0), NodeVars.unreachable("cockroachdb-1", "connection refused"),
                node(2, 3, 0, 0)))).isEqualTo(waits("cockroachdb-1 is not reachable: connection refused"));
        assertThat(gate(List.of(node(0, 3, 0, 0), node(1, 3, 0, 0), NodeVars.unreachable("cockroachdb-2", ""))))
                .isEqualTo(waits("cockroachdb-2 is not reachable: no answer"));
    }

    @Test
    void anUnreachableNodeComesBeforeTheOthersNoticingIt() {
        assertThat(gate(List.of(node(0, 2, 0, 0), NodeVars.unreachable("cockroachdb-1", "connection refused"),
                node(2, 2, 0, 0)))).isEqualTo(waits("cockroachdb-1 is not reachable: connection refused, "
                + "and 2 other problems"));
    }

    @Test
    void aNodeThatSeesTooFewLiveNodesHoldsTheGate() {
        assertThat(gate(List.of(node(0, 2, 0, 0), node(1, 3, 0, 0), node(2, 3, 0, 0))))
                .isEqualTo(waits("2 of 3 nodes live (cockroachdb-0 reports)"));
        // more live nodes than expected (e.g. mid scale-up) is fine
        assertThat(gate(List.of(node(0, 4, 0, 0), node(1, 4, 0, 0), node(2, 4, 0, 0)))).isEqualTo(new GateVerdict.Pass());
    }

    @Test
    void aMissingMetricHoldsTheGate() {
        NodeVars noRanges = NodeVars.read("cockroachdb-0", new StatusVars(Optional.of(3L), Map.of(), Map.of()));
        NodeVars noLiveness = NodeVars.read("cockroachdb-2",
                new StatusVars(Optional.empty(), Map.of("3", 0L), Map.of("3", 0L)));

        assertThat(gate(List.of(noRanges, node(1, 3, 0, 0), node(2, 3, 0, 0))))
                .isEqualTo(waits("cockroachdb-0 does not report ranges_underreplicated, ranges_unavailable"));
        assertThat(gate(List.of(node(0, 3, 0, 0), node(1, 3, 0, 0), noLiveness)))
                .isEqualTo(waits("cockroachdb-2 does not report liveness_livenodes"));
        assertThat(gate(List.of(NodeVars.read("cockroachdb-0", StatusVars.parse("")), node(1, 3, 0, 0), node(2, 3, 0, 0))))
                .isEqualTo(waits("cockroachdb-0 does not report liveness_livenodes, ranges_underreplicated, "
                        + "ranges_unavailable"));
    }

    @Test
    void everyExpectedNodeMustHaveBeenAsked() {
        assertThat(gate(List.of(node(0, 3, 0, 0), node(1, 3, 0, 0))))
                .isEqualTo(waits("only 2 of 3 expected nodes were checked (cockroachdb-0, cockroachdb-1)"));
        assertThat(gate(List.of(node(0, 3, 0, 0), node(0, 3, 0, 0), node(1, 3, 0, 0))))
                .isEqualTo(waits("only 2 of 3 expected nodes were checked (cockroachdb-0, cockroachdb-1)"));
        assertThat(gate(List.of())).isEqualTo(waits("only 0 of 3 expected nodes were checked"));
    }

    @Test
    void aProblemHoldsTheGateHoweverLongTheClusterWasHealthyBefore() {
        assertThat(HealthGate.evaluate(3, List.of(node(0, 3, 0, 0), node(1, 3, 0, 0), node(2, 3, 2, 0)),
                Optional.of(NOW.minusSeconds(3600)), NOW, Duration.ZERO))
                .isEqualTo(waits("waiting for 2 under-replicated ranges on cockroachdb-2 (store 3)"));
    }

    @Test
    void healthySinceStartsOnTheFirstHealthyReadingAndResetsOnAnyProblem() {
        Instant later = NOW.plusSeconds(10);

        assertThat(HealthGate.nextHealthySince(true, Optional.empty(), NOW)).contains(NOW);
        assertThat(HealthGate.nextHealthySince(true, Optional.of(NOW), later)).contains(NOW);
        assertThat(HealthGate.nextHealthySince(false, Optional.of(NOW), later)).isEmpty();
        assertThat(HealthGate.nextHealthySince(false, Optional.empty(), later)).isEmpty();
    }

    @Test
    void nonsenseArgumentsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> HealthGate.evaluate(0, healthy(), LONG_AGO, NOW, SETTLE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expectedNodes must be at least 1, got 0");
        assertThatThrownBy(() -> HealthGate.evaluate(3, healthy(), LONG_AGO, NOW, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("settle must be zero or more, got PT-1S");
    }
}
