package org.cockroachdb.mesos.testkit.cockroach;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration}, which cockroach uses for every duration flag ({@code --lifetime=87840h},
 * {@code 1h30m}, {@code 1.5h}, {@code 300ms}), with Go's error texts so a bad flag reads as it does on
 * the real binary.
 */
public final class GoDuration {
    private static final Map<String, BigInteger> NANOS_PER_UNIT = Map.of(
            "ns", BigInteger.ONE,
            "us", BigInteger.valueOf(1_000L),
            "\u00b5s", BigInteger.valueOf(1_000L), // micro sign
            "\u03bcs", BigInteger.valueOf(1_000L), // Greek mu
            "ms", BigInteger.valueOf(1_000_000L),
            "s", BigInteger.valueOf(1_000_000_000L),
            "m", BigInteger.valueOf(60_000_000_000L),
            "h", BigInteger.valueOf(3_600_000_000_000L));
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDuration() {}

    /** @throws IllegalArgumentException with Go's message, e.g. {@code time: invalid duration "x"} */
    public static Duration parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(numberStart, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty()) {
                throw new IllegalArgumentException("time: missing unit in duration " + quoted(text));
            }
            BigInteger nanosPerUnit = NANOS_PER_UNIT.get(unit);
            if (nanosPerUnit == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + quoted(unit) + " in duration " + quoted(text));
            }
            totalNanos = totalNanos.add(new BigDecimal(number.endsWith(".") ? number + "0" : number)
                    .multiply(new BigDecimal(nanosPerUnit)));
            if (totalNanos.compareTo(MAX_NANOS) > 0) {
                throw invalid(text);
            }
        }
        long nanos = totalNanos.longValue(); // Go truncates fractional nanoseconds
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quoted(text));
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
