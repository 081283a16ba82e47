package org.cockroachdb.mesos.scheduler.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cockroach memory setting (--cache, --max-sql-memory) as the operator wrote it: a share of the
 * node's memory ("25%", ".25") or an absolute size ("1GiB"). Shares are resolved here against the
 * Mesos task's memory and passed to cockroach as bytes, because cockroach resolves percentages
 * against host or cgroup memory, which it detects unreliably.
 */
public sealed interface MemoryShare {

    /** The text as given, for display and for the stored target config. */
    String text();

    /** The bytes this setting means for a task with {@code taskMemBytes} of memory. */
    long resolve(long taskMemBytes);

    record Fraction(String text, BigDecimal fraction) implements MemoryShare {
        @Override
        public long resolve(long taskMemBytes) {
            return fraction.multiply(BigDecimal.valueOf(taskMemBytes)).setScale(0, RoundingMode.FLOOR).longValueExact();
        }
    }

    record Size(String text, long bytes) implements MemoryShare {
        @Override
        public long resolve(long taskMemBytes) {
            return bytes;
        }
    }

    BigDecimal MIN_FRACTION = new BigDecimal("0.01");
    BigDecimal MAX_FRACTION = new BigDecimal("0.80");
    /** No node has a PiB of memory; the bound keeps the arithmetic far from overflow. */
    BigDecimal MAX_SIZE = BigDecimal.valueOf(1L << 50);
    String ACCEPTED = "expected a percentage from 1% to 80%, a fraction from .01 to .80,"
            + " or a size such as 512MiB or 1GiB";

    static Reading<MemoryShare> read(String text) {
        Matcher percent = Pattern.compile("(\\d{1,3}(\\.\\d+)?)%").matcher(text);
        if (percent.matches()) {
            return fraction(text, new BigDecimal(percent.group(1)).movePointLeft(2));
        }
        if (Pattern.matches("0?\\.\\d+", text)) {
            return fraction(text, new BigDecimal(text));
        }
        Matcher size = Pattern.compile("(\\d{1,9}(\\.\\d+)?)\\s*([a-zA-Z]+)").matcher(text);
        if (size.matches()) {
            Long unit = UNITS.get(size.group(3).toLowerCase(Locale.ROOT));
            if (unit != null) {
                BigDecimal bytes = new BigDecimal(size.group(1)).multiply(BigDecimal.valueOf(unit))
                        .setScale(0, RoundingMode.FLOOR);
                return bytes.signum() > 0 && bytes.compareTo(MAX_SIZE) <= 0
                        ? Reading.ok(new Size(text, bytes.longValueExact()))
                        : Reading.refused(ACCEPTED);
            }
        }
        return Reading.refused(ACCEPTED);
    }

    private static Reading<MemoryShare> fraction(String text, BigDecimal fraction) {
        return fraction.compareTo(MIN_FRACTION) < 0 || fraction.compareTo(MAX_FRACTION) > 0
                ? Reading.refused(ACCEPTED)
                : Reading.ok(new Fraction(text, fraction));
    }

    /** Size suffixes as cockroach reads them: SI (KB = 1000) and binary (KiB = 1024). */
    Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("kib", 1L << 10),
            Map.entry("mb", 1_000_000L), Map.entry("mib", 1L << 20),
            Map.entry("gb", 1_000_000_000L), Map.entry("gib", 1L << 30),
            Map.entry("tb", 1_000_000_000_000L), Map.entry("tib", 1L << 40));
}
