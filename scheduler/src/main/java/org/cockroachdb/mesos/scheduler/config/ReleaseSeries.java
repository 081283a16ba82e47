package org.cockroachdb.mesos.scheduler.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A CockroachDB major version such as v23.1: the unit of upgrade rules. Upgrades may not skip a
 * series, except Innovation releases (v24.2, then YY.1 and YY.3 from 2025 on), which may be skipped:
 * Regular → next Innovation or next Regular; Innovation → next Regular only.
 */
public record ReleaseSeries(int year, int release) implements Comparable<ReleaseSeries> {

    /** Every series before the quarterly cadence, in order (the numbering jumped from 2.1 to 19.1). */
    private static final List<ReleaseSeries> BEFORE_2025 = List.of(
            new ReleaseSeries(1, 0), new ReleaseSeries(1, 1), new ReleaseSeries(2, 0), new ReleaseSeries(2, 1),
            new ReleaseSeries(19, 1), new ReleaseSeries(19, 2), new ReleaseSeries(20, 1), new ReleaseSeries(20, 2),
            new ReleaseSeries(21, 1), new ReleaseSeries(21, 2), new ReleaseSeries(22, 1), new ReleaseSeries(22, 2),
            new ReleaseSeries(23, 1), new ReleaseSeries(23, 2), new ReleaseSeries(24, 1), new ReleaseSeries(24, 2),
            new ReleaseSeries(24, 3));
    private static final int QUARTERLY_FROM_YEAR = 25;
    private static final int RELEASES_PER_YEAR = 4;

    public boolean isInnovation() {
        if (year < 24) {
            return false;
        }
        if (year == 24) {
            return release == 2;
        }
        return release % 2 == 1;
    }

    /**
     * Whether moving from this series to {@code target} is a single supported major step: every
     * series in between is a skippable Innovation release, and an Innovation release only moves
     * on to a Regular one.
     */
    public boolean isOneMajorStepTo(ReleaseSeries target) {
        if (target.compareTo(this) <= 0) {
            return false;
        }
        if (isInnovation() && target.isInnovation()) {
            return false;
        }
        return seriesBetween(this, target).stream().allMatch(ReleaseSeries::isInnovation);
    }

    /** The known series strictly between two series. */
    static List<ReleaseSeries> seriesBetween(ReleaseSeries low, ReleaseSeries high) {
        List<ReleaseSeries> all = new ArrayList<>(BEFORE_2025);
        for (int y = QUARTERLY_FROM_YEAR; y <= high.year(); y++) {
            for (int r = 1; r <= RELEASES_PER_YEAR; r++) {
                all.add(new ReleaseSeries(y, r));
            }
        }
        return all.stream().filter(s -> s.compareTo(low) > 0 && s.compareTo(high) < 0).toList();
    }

    /**
     * The series as cockroach names a cluster version in SQL ({@code 23.1}): what
     * {@code SHOW CLUSTER SETTING version} reports once finalized, and what
     * {@code cluster.preserve_downgrade_option} takes.
     */
    public String clusterVersion() {
        return year + "." + release;
    }

    @Override
    public int compareTo(ReleaseSeries other) {
        int byYear = Integer.compare(year, other.year);
        return byYear != 0 ? byYear : Integer.compare(release, other.release);
    }

    @Override
    public String toString() {
        return "v" + year + "." + release;
    }
}
