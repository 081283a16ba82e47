package org.cockroachdb.mesos.testkit.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** --lifetime values are Go durations. */
class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "87840h, PT87840H",
        "43920h, PT43920H",
        "1h30m, PT1H30M",
        "1h0m0s, PT1H",
        "1.5h, PT1H30M",
        ".5h, PT30M",
        "300ms, PT0.3S",
        "2m3.5s, PT2M3.5S",
        "1us, PT0.000001S",
        "1\u00b5s, PT0.000001S",
        "7ns, PT0.000000007S",
        "-1m, PT-1M",
        "+2s, PT2S",
        "0, PT0S",
    })
    void parsesGoDurations(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    @Test
    void aNumberWithoutAUnitIsMissingItsUnit() {
        assertThatThrownBy(() -> GoDuration.parse("10"))
                .hasMessage("time: missing unit in duration \"10\"");
    }

    @Test
    void daysAndYearsAreNotGoUnits() {
        assertThatThrownBy(() -> GoDuration.parse("365d"))
                .hasMessage("time: unknown unit \"d\" in duration \"365d\"");
    }

    @Test
    void malformedDurationsAreInvalid() {
        for (String bad : new String[] {"", "h", "1..5h", "-", "99999999999999999h"}) {
            assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad)
                    .hasMessage("time: invalid duration \"" + bad + "\"");
        }
    }
}
