package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void asksAtOnceThenBacksOffUntilEveryTaskHasAnswered() {
        Reconciliation r = new Reconciliation();
        r.restart(List.of("a", "b"));

        assertThat(r.due(T0)).containsExactlyInAnyOrder("a", "b");
        assertThat(r.due(T0.plusSeconds(7))).isEmpty();
        assertThat(r.answered("a")).isTrue();
        assertThat(r.due(T0.plusSeconds(8))).containsExactly("b");
        assertThat(r.due(T0.plusSeconds(23))).isEmpty();
        assertThat(r.due(T0.plusSeconds(24))).containsExactly("b");
        assertThat(r.due(T0.plusSeconds(24 + 30))).containsExactly("b");
        assertThat(r.due(T0.plusSeconds(24 + 30 + 30))).containsExactly("b");
        assertThat(r.isDone()).isFalse();
        assertThat(r.answered("b")).isTrue();
        assertThat(r.isDone()).isTrue();
        assertThat(r.due(T0.plusSeconds(1000))).isEmpty();
        assertThat(r.answered("b")).isFalse();
    }

    @Test
    void aTaskAddedLaterIsAskedAboutAtOnce() {
        Reconciliation r = new Reconciliation();
        r.restart(List.of());
        assertThat(r.isDone()).isTrue();
        assertThat(r.due(T0)).isEmpty();

        assertThat(r.add("c")).isTrue();
        assertThat(r.add("c")).isFalse();
        assertThat(r.due(T0.plusMillis(1))).containsExactly("c");
    }
}
