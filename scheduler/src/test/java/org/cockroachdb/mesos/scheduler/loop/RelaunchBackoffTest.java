package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RelaunchBackoffTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theFirstFailureRelaunchesAtOnceThenTheDelayDoublesUpToTheCap() {
        RelaunchBackoff b = RelaunchBackoff.none().failed(T0);
        assertThat(b.delays(T0)).isFalse();

        b = b.failed(T0);
        assertThat(b.notBefore()).isEqualTo(T0.plusSeconds(5));
        b = b.failed(T0);
        assertThat(b.notBefore()).isEqualTo(T0.plusSeconds(10));
        for (int i = 0; i < 40; i++) {
            b = b.failed(T0);
        }
        assertThat(Duration.between(T0, b.notBefore())).isEqualTo(RelaunchBackoff.CAP);
        assertThat(b.delays(T0.plusSeconds(60))).isTrue();
        assertThat(b.describe(T0.plusSeconds(60))).isEqualTo("relaunch in 60s (failure 43 in a row)");
    }
}
