package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AutoReplaceTest {

    private static final Instant LOST_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration AFTER = Duration.ofSeconds(60);

    private static AutoReplace.Node up(int i) {
        return new AutoReplace.Node("cockroachdb-" + i, "cockroachdb-" + i + "-node-join", true, Optional.empty(), false);
    }

    private static AutoReplace.Node lost(int i, Instant since) {
        return new AutoReplace.Node("cockroachdb-" + i, "cockroachdb-" + i + "-node-join", false,
                Optional.of(new AutoReplace.Lost("host-" + i, since, false)), false);
    }

    private static AutoReplace.Node down(int i) {
        return new AutoReplace.Node("cockroachdb-" + i, "cockroachdb-" + i + "-node-join", false, Optional.empty(), false);
    }

    private static AutoReplace.Node replacing(int i) {
        return new AutoReplace.Node("cockroachdb-" + i, "cockroachdb-" + i + "-node-join", false, Optional.empty(), true);
    }

    @Test
    void zeroNeverReplacesAndTellsTheOperatorHow() {
        AutoReplace.Verdict v = AutoReplace.decide(Duration.ZERO, LOST_AT.plus(Duration.ofDays(30)),
                List.of(up(0), lost(1, LOST_AT), up(2)), Optional.empty());
        assertThat(v.replaceNow()).isEmpty();
        assertThat(v.waits()).containsEntry("cockroachdb-1-node-join",
                "waiting for agent host-1 (unreachable since 2026-03-01T10:00:00Z); waiting; `pod replace` to move it");
    }

    @Test
    void theClockCountsFromTheStoredInstantNotFromNow() {
        List<AutoReplace.Node> nodes = List.of(up(0), lost(1, LOST_AT), up(2));
        AutoReplace.Verdict early = AutoReplace.decide(AFTER, LOST_AT.plusSeconds(45), nodes, Optional.empty());
        assertThat(early.replaceNow()).isEmpty();
        assertThat(early.waits().get("cockroachdb-1-node-join")).endsWith("replaced automatically in 15s unless it comes back");
        // a restarted scheduler reads the same stored instant: due at the same moment, not 60 s after its start
        assertThat(AutoReplace.decide(AFTER, LOST_AT.plusSeconds(59), nodes, Optional.empty()).replaceNow()).isEmpty();
        assertThat(AutoReplace.decide(AFTER, LOST_AT.plusSeconds(60), nodes, Optional.empty()).replaceNow())
                .contains("cockroachdb-1-node-join");
    }

    @Test
    void aGoneAgentSaysGone() {
        AutoReplace.Node gone = new AutoReplace.Node("cockroachdb-1", "cockroachdb-1-node-join", false,
                Optional.of(new AutoReplace.Lost("host-1", LOST_AT, true)), false);
        assertThat(AutoReplace.decide(Duration.ZERO, LOST_AT, List.of(up(0), gone), Optional.empty()).waits()
                .get("cockroachdb-1-node-join")).startsWith("waiting for agent host-1 (gone since");
    }

    @Test
    void neverTwoAtOnceWhenTwoAreLostNeitherGoes() {
        AutoReplace.Verdict v = AutoReplace.decide(AFTER, LOST_AT.plusSeconds(600),
                List.of(up(0), lost(1, LOST_AT), lost(2, LOST_AT.plusSeconds(5))), Optional.empty());
        assertThat(v.replaceNow()).isEmpty();
        assertThat(v.waits().get("cockroachdb-1-node-join")).contains("automatic replace held: cockroachdb-2 is down too");
        assertThat(v.waits().get("cockroachdb-2-node-join")).contains("automatic replace held: cockroachdb-1 is down too");
    }

    @Test
    void heldWhileAnotherNodeIsDownForAnyReason() {
        AutoReplace.Verdict v = AutoReplace.decide(AFTER, LOST_AT.plusSeconds(600),
                List.of(down(0), lost(1, LOST_AT), up(2)), Optional.empty());
        assertThat(v.replaceNow()).isEmpty();
        assertThat(v.waits().get("cockroachdb-1-node-join")).contains("cockroachdb-0 is down too");
    }

    @Test
    void heldWhileAnotherPodIsBeingReplacedOrAnOldNodeAwaitsItsDecommission() {
        AutoReplace.Verdict replacingOther = AutoReplace.decide(AFTER, LOST_AT.plusSeconds(600),
                List.of(replacing(0), lost(1, LOST_AT), up(2)), Optional.empty());
        assertThat(replacingOther.replaceNow()).isEmpty();
        assertThat(replacingOther.waits().get("cockroachdb-1-node-join")).contains("cockroachdb-0 is being replaced");

        AutoReplace.Verdict busy = AutoReplace.decide(AFTER, LOST_AT.plusSeconds(600),
                List.of(up(0), lost(1, LOST_AT), up(2)), Optional.of("old node 4 of cockroachdb-2 is not decommissioned yet"));
        assertThat(busy.replaceNow()).isEmpty();
        assertThat(busy.waits().get("cockroachdb-1-node-join")).contains("old node 4 of cockroachdb-2");
    }

    @Test
    void aPodAlreadyBeingReplacedIsNotChosenAgain() {
        AutoReplace.Node both = new AutoReplace.Node("cockroachdb-1", "cockroachdb-1-node-join", false,
                Optional.of(new AutoReplace.Lost("host-1", LOST_AT, false)), true);
        AutoReplace.Verdict v = AutoReplace.decide(AFTER, LOST_AT.plusSeconds(600), List.of(up(0), both, up(2)),
                Optional.empty());
        assertThat(v.replaceNow()).isEmpty();
        assertThat(v.waits()).isEmpty();
    }
}
