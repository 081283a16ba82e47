package org.cockroachdb.mesos.http.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MesosDurationTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
            "5secs, 5000000000",
            "1.5mins, 90000000000",
            "100ms, 100000000",
            "250us, 250000",
            "7ns, 7",
            "2hrs, 7200000000000",
            "1days, 86400000000000",
            "0.5weeks, 302400000000000",
            "15mins, 900000000000",
            "0secs, 0",
            ".5secs, 500000000",
    })
    void parsesEveryStoutUnitIncludingFractions(String text, long nanos) {
        assertThat(MesosDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "secs", "5 secs", "5s", "5sec", "-1secs", "1.2.3secs", "5SECS"})
    void rejectsAnythingElseNamingTheValueAndTheUnits(String text) {
        assertThatThrownBy(() -> MesosDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("ns|us|ms|secs|mins|hrs|days|weeks");
    }

    @Test
    void rejectsDurationsBeyondWhatJavaCanHold() {
        assertThatThrownBy(() -> MesosDuration.parse("100000weeks")).hasMessageContaining("too long");
    }

    @Test
    void formatsWithTheLargestExactUnitAndParsesBack() {
        assertThat(MesosDuration.format(Duration.ofSeconds(90))).isEqualTo("90secs");
        assertThat(MesosDuration.format(Duration.ofMinutes(15))).isEqualTo("15mins");
        assertThat(MesosDuration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(MesosDuration.format(Duration.ZERO)).isEqualTo("0ns");
        for (Duration d : new Duration[] {Duration.ofDays(14), Duration.ofNanos(123456789), Duration.ofHours(3)}) {
            assertThat(MesosDuration.parse(MesosDuration.format(d))).isEqualTo(d);
        }
    }
}
