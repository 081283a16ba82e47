package org.cockroachdb.mesos.testkit.cockroach.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/** Values in the PostgreSQL text format, the way CockroachDB writes them. */
final class PgText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private PgText() {}

    /** Column {@code column} of the current row, for a column of type {@code oid}; null for SQL NULL. */
    static String read(ResultSet rs, int column, int oid) throws SQLException {
        String text = switch (oid) {
            case PgTypes.BOOL -> {
                boolean b = rs.getBoolean(column);
                yield rs.wasNull() ? null : (b ? "t" : "f");
            }
            case PgTypes.BYTEA -> {
                byte[] b = rs.getBytes(column);
                yield b == null ? null : bytea(b);
            }
            case PgTypes.FLOAT4 -> {
                float f = rs.getFloat(column);
                yield rs.wasNull() ? null : float4(f);
            }
            case PgTypes.FLOAT8 -> {
                double d = rs.getDouble(column);
                yield rs.wasNull() ? null : float8(d);
            }
            case PgTypes.NUMERIC -> numeric(rs, column);
            case PgTypes.TIMESTAMP -> {
                LocalDateTime t = rs.getObject(column, LocalDateTime.class);
                yield t == null ? null : timestamp(t);
            }
            case PgTypes.TIMESTAMPTZ -> {
                OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                yield t == null ? null : timestamptz(t);
            }
            case PgTypes.DATE -> {
                LocalDate d = rs.getObject(column, LocalDate.class);
                yield d == null ? null : d.toString();
            }
            case PgTypes.TIME -> {
                LocalTime t = rs.getObject(column, LocalTime.class);
                yield t == null ? null : time(t);
            }
            case PgTypes.TIMETZ -> {
                OffsetTime t = rs.getObject(column, OffsetTime.class);
                yield t == null ? null : time(t.toLocalTime()) + offset(t.getOffset());
            }
            case PgTypes.JSONB -> {
                byte[] b = rs.getBytes(column);
                yield b == null ? null : json(new String(b, StandardCharsets.UTF_8));
            }
            default -> rs.getString(column);
        };
        return text;
    }

    static String bytea(byte[] bytes) {
        return "\\x" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Go's {@code strconv.FormatFloat(f, 'g', -1, 64)}, which CockroachDB uses for FLOAT8 when the client
     * asks for exact floats (pgjdbc sets {@code extra_float_digits = 3}): the shortest digits that read
     * back the same value, in exponent form below 1e-4 and from 1e+06 on ({@code 1e+06}, {@code 1.5e-05}).
     */
    static String float8(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return shortestG(Double.toString(d));
    }

    static String float4(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        return shortestG(Float.toString(f));
    }

    private static String shortestG(String javaRepr) {
        boolean negative = javaRepr.startsWith("-");
        BigDecimal v = new BigDecimal(negative ? javaRepr.substring(1) : javaRepr);
        if (v.signum() == 0) {
            return negative ? "-0" : "0";
        }
        v = v.stripTrailingZeros();
        String digits = v.unscaledValue().toString();
        int exp = digits.length() - 1 - v.scale(); // the exponent of the first digit
        StringBuilder b = new StringBuilder(negative ? "-" : "");
        if (exp < -4 || exp >= 6) {
            b.append(digits.charAt(0));
            if (digits.length() > 1) {
                b.append('.').append(digits, 1, digits.length());
            }
            b.append(exp < 0 ? "e-" : "e+");
            int abs = Math.abs(exp);
            b.append(abs < 10 ? "0" : "").append(abs);
        } else {
            b.append(v.toPlainString());
        }
        return b.toString();
    }

    private static String numeric(ResultSet rs, int column) throws SQLException {
        try {
            BigDecimal d = rs.getBigDecimal(column);
            return d == null ? null : d.toPlainString();
        } catch (SQLException e) {
            return rs.getString(column); // DECFLOAT's NaN and Infinity have no BigDecimal
        }
    }

    static String timestamp(LocalDateTime t) {
        return DATE_TIME.format(t) + fraction(t.getNano());
    }

    /** In the session time zone, which is UTC: {@code 2024-01-02 03:04:05.5+00:00}. */
    static String timestamptz(OffsetDateTime t) {
        OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
        return timestamp(utc.toLocalDateTime()) + "+00:00";
    }

    static String time(LocalTime t) {
        return TIME.format(t) + fraction(t.getNano());
    }

    private static String offset(ZoneOffset o) {
        return o.getTotalSeconds() == 0 ? "+00:00" : o.getId();
    }

    /** Microseconds without trailing zeros, as PostgreSQL prints them. */
    private static String fraction(int nanos) {
        int micros = nanos / 1000;
        if (micros == 0) {
            return "";
        }
        String f = String.format("%06d", micros);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        return "." + f.substring(0, end);
    }

    /** CockroachDB's JSONB layout: {@code {"a": 1, "b": [1, 2]}}. */
    static String json(String text) {
        try {
            StringBuilder b = new StringBuilder();
            writeJson(JSON.readTree(text), b);
            return b.toString();
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    private static void writeJson(JsonNode n, StringBuilder b) {
        if (n.isObject()) {
            b.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = n.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                b.append(JSON.getNodeFactory().textNode(f.getKey()).toString()).append(": ");
                writeJson(f.getValue(), b);
                if (fields.hasNext()) {
                    b.append(", ");
                }
            }
            b.append('}');
        } else if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                writeJson(n.get(i), b);
            }
            b.append(']');
        } else {
            b.append(n.toString());
        }
    }
}
