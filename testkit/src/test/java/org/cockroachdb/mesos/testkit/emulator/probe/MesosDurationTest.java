package org.cockroachdb.mesos.testkit.emulator.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MesosDurationTest {
    @Test
    void parsesTheUnitsTheAgentWrites() {
        assertThat(MesosDuration.parse("2secs")).isEqualTo(Duration.ofSeconds(2));
        assertThat(MesosDuration.parse("15mins")).isEqualTo(Duration.ofMinutes(15));
        assertThat(MesosDuration.parse("100ms")).isEqualTo(Duration.ofMillis(100));
        assertThat(MesosDuration.parse("1.5hrs")).isEqualTo(Duration.ofMinutes(90));
        assertThat(MesosDuration.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(MesosDuration.parse("1weeks")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> MesosDuration.parse("2s")).hasMessageContaining("'2s'");
        assertThatThrownBy(() -> MesosDuration.parse("secs")).isInstanceOf(IllegalArgumentException.class);
    }
}
