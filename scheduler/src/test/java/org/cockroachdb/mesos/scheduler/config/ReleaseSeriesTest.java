package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseSeriesTest {

    private static ReleaseSeries series(String text) {
        String[] parts = text.split("\\.");
        return new ReleaseSeries(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "2.1, 19.1, true",      // the numbering jump is one step
        "19.2, 20.1, true",
        "23.1, 23.2, true",
        "23.1, 24.1, false",    // skips the Regular 23.2
        "24.1, 24.2, true",     // Regular -> next Innovation
        "24.1, 24.3, true",     // Regular -> next Regular, skipping Innovation 24.2
        "24.2, 24.3, true",     // Innovation -> next Regular
        "24.3, 25.2, true",     // skips Innovation 25.1
        "25.1, 25.3, false",    // Innovation -> Innovation, skipping Regular 25.2
        "25.2, 25.4, true",
        "25.4, 26.2, true",
        "25.4, 26.3, false",    // skips Regular 26.2
        "23.2, 23.1, false",    // backwards is never an upgrade step
        "23.1, 23.1, false",
    })
    void upgradeMaySkipOnlyInnovationReleases(String from, String to, boolean oneStep) {
        assertThat(series(from).isOneMajorStepTo(series(to))).isEqualTo(oneStep);
    }

    @ParameterizedTest
    @CsvSource({"23.2, false", "24.1, false", "24.2, true", "24.3, false", "25.1, true", "25.2, false",
        "25.3, true", "26.4, false"})
    void innovationReleasesAre24Point2AndOddQuarterlyReleases(String text, boolean innovation) {
        assertThat(series(text).isInnovation()).isEqualTo(innovation);
    }
}
