package org.cockroachdb.mesos.scheduler.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CockroachDB release, {@code vMAJOR.MINOR.PATCH}. Cockroach's "major version" is the
 * MAJOR.MINOR pair (v23.1, v23.2), its {@link ReleaseSeries}; PATCH releases within it are
 * interchangeable in both directions.
 */
public record CockroachVersion(int major, int minor, int patch) implements Comparable<CockroachVersion> {

    private static final Pattern FORMAT = Pattern.compile("v(\\d{1,4})\\.(\\d{1,4})\\.(\\d{1,4})");
    /** The oldest release whose start flags (--listen-addr, --advertise-addr) we emit. */
    public static final CockroachVersion OLDEST_SUPPORTED = new CockroachVersion(2, 1, 0);
    static final String ACCEPTED = "expected a release such as v23.1.11 (vMAJOR.MINOR.PATCH), "
            + OLDEST_SUPPORTED + " or newer";

    public CockroachVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("negative version component");
        }
    }

    static Reading<CockroachVersion> read(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Reading.refused(ACCEPTED);
        }
        CockroachVersion version = new CockroachVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        return version.compareTo(OLDEST_SUPPORTED) < 0 ? Reading.refused(ACCEPTED) : Reading.ok(version);
    }

    public ReleaseSeries series() {
        return new ReleaseSeries(major, minor);
    }

    @Override
    public int compareTo(CockroachVersion other) {
        int bySeries = series().compareTo(other.series());
        return bySeries != 0 ? bySeries : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
