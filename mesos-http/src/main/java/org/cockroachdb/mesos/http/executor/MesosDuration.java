package org.cockroachdb.mesos.http.executor;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Mesos (stout) writes them in flags and executor environment variables: a number,
 * possibly fractional, directly followed by a unit: {@code 5secs}, {@code 1.5mins}, {@code 100ms}.
 */
public final class MesosDuration {
    public static final String UNITS = "ns|us|ms|secs|mins|hrs|days|weeks";
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(" + UNITS + ")");
    private static final String[] UNIT_NAMES = {"weeks", "days", "hrs", "mins", "secs", "ms", "us", "ns"};
    private static final long[] UNIT_NANOS = {
            604_800_000_000_000L, 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
            1_000_000_000L, 1_000_000L, 1_000L, 1L};

    private MesosDuration() {}

    /** @throws IllegalArgumentException if {@code text} is not a number followed by one of {@link #UNITS} */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Mesos duration: expected a number followed by "
                    + UNITS + " (e.g. 5secs, 1.5mins)");
        }
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2))))
                .setScale(0, RoundingMode.HALF_UP);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** The largest unit that represents {@code duration} exactly, e.g. {@code 90secs}, {@code 2mins}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos < 0) {
            throw new IllegalArgumentException("Mesos durations are never negative: " + duration);
        }
        for (int i = 0; i < UNIT_NAMES.length; i++) {
            if (nanos % UNIT_NANOS[i] == 0 && (nanos != 0 || i == UNIT_NAMES.length - 1)) {
                return nanos / UNIT_NANOS[i] + UNIT_NAMES[i];
            }
        }
        throw new AssertionError("every duration is a whole number of nanoseconds");
    }

    private static long nanosPer(String unit) {
        for (int i = 0; i < UNIT_NAMES.length; i++) {
            if (UNIT_NAMES[i].equals(unit)) {
                return UNIT_NANOS[i];
            }
        }
        throw new IllegalArgumentException("unknown unit " + unit);
    }
}
