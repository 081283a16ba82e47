package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * DATE, TIME, TIMESTAMP and TIMESTAMPTZ in binary: days (int32) or microseconds (int64) counted from
 * PostgreSQL's epoch, 2000-01-01, with ±infinity at the extremes. Text is PostgreSQL's ISO output
 * ({@code 2024-05-06 07:08:09.123456+00}, {@code ... BC} for years before 1); timestamptz text is
 * produced in UTC, the zone the server reports.
 */
final class DateTimeBinary {
    private static final LocalDate PG_EPOCH_DATE = LocalDate.of(2000, 1, 1);
    private static final long PG_EPOCH_SECONDS = PG_EPOCH_DATE.atStartOfDay().toEpochSecond(ZoneOffset.UTC);

    private DateTimeBinary() {}

    static byte[] encodeDate(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("infinity")) {
            return int32(Integer.MAX_VALUE);
        }
        if (t.equals("-infinity")) {
            return int32(Integer.MIN_VALUE);
        }
        return int32(Math.toIntExact(ChronoUnit.DAYS.between(PG_EPOCH_DATE, parseDate(text.strip()))));
    }

    static String decodeDate(byte[] bytes) {
        int days = exactly(bytes, 4).getInt();
        if (days == Integer.MAX_VALUE) {
            return "infinity";
        }
        if (days == Integer.MIN_VALUE) {
            return "-infinity";
        }
        LocalDate d = PG_EPOCH_DATE.plusDays(days);
        return formatDate(d) + (d.getYear() <= 0 ? " BC" : "");
    }

    static byte[] encodeTime(String text) {
        LocalTime t = LocalTime.parse(text.strip());
        return int64(t.toNanoOfDay() / 1_000);
    }

    static String decodeTime(byte[] bytes) {
        return formatTime(LocalTime.ofNanoOfDay(exactly(bytes, 8).getLong() * 1_000));
    }

    static byte[] encodeTimestamp(String text, boolean withZone) {
        String t = text.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "infinity": return int64(Long.MAX_VALUE);
            case "-infinity": return int64(Long.MIN_VALUE);
            default: break;
        }
        boolean bc = t.toUpperCase(Locale.ROOT).endsWith(" BC");
        if (bc) {
            t = t.substring(0, t.length() - 3).strip();
        }
        int split = t.indexOf(' ') > 0 ? t.indexOf(' ') : t.indexOf('T');
        if (split < 0) {
            throw new IllegalArgumentException("not a timestamp: " + text);
        }
        String date = t.substring(0, split);
        String time = t.substring(split + 1).strip();
        ZoneOffset offset = ZoneOffset.UTC;
        if (withZone) {
            int sign = Math.max(time.lastIndexOf('+'), time.lastIndexOf('-'));
            if (sign > 0) {
                offset = ZoneOffset.of(time.substring(sign));
                time = time.substring(0, sign);
            } else if (time.endsWith("Z")) {
                time = time.substring(0, time.length() - 1);
            }
        }
        LocalDate day = parseDate(date);
        if (bc) {
            day = day.withYear(1 - day.getYear());
        }
        LocalDateTime local = LocalDateTime.of(day, LocalTime.parse(time));
        long seconds = local.toEpochSecond(offset) - PG_EPOCH_SECONDS;
        return int64(Math.addExact(Math.multiplyExact(seconds, 1_000_000L), local.getNano() / 1_000));
    }

    static String decodeTimestamp(byte[] bytes, boolean withZone) {
        long micros = exactly(bytes, 8).getLong();
        if (micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        long seconds = Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS;
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1_000;
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
        return formatDate(t.toLocalDate()) + " " + formatTime(t.toLocalTime()) + (withZone ? "+00" : "")
                + (t.getYear() <= 0 ? " BC" : "");
    }

    private static LocalDate parseDate(String text) {
        String t = text.strip();
        if (t.toUpperCase(Locale.ROOT).endsWith(" BC")) {
            LocalDate d = LocalDate.parse(t.substring(0, t.length() - 3).strip());
            return d.withYear(1 - d.getYear());
        }
        return LocalDate.parse(t);
    }

    /** ISO date; a year before 1 is written as its BC year (the caller appends " BC", PostgreSQL style). */
    private static String formatDate(LocalDate d) {
        int year = d.getYear();
        return String.format(Locale.ROOT, "%04d-%02d-%02d", year > 0 ? year : 1 - year, d.getMonthValue(), d.getDayOfMonth());
    }

    /** HH:MM:SS plus as many fraction digits as needed, up to microseconds. */
    private static String formatTime(LocalTime t) {
        String s = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1_000;
        if (micros == 0) {
            return s;
        }
        String fraction = String.format(Locale.ROOT, "%06d", micros).replaceAll("0+$", "");
        return s + "." + fraction;
    }

    private static ByteBuffer exactly(byte[] bytes, int n) {
        if (bytes.length != n) {
            throw new IllegalArgumentException("expected " + n + " bytes, got " + bytes.length);
        }
        return ByteBuffer.wrap(bytes);
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] int64(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }
}
