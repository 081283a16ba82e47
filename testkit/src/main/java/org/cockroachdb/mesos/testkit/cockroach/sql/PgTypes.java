package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.Locale;

/** PostgreSQL type OIDs, and which one a CockroachDB client sees for an H2 result column. */
public final class PgTypes {
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int TEXT_ARRAY = 1009;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int TIMETZ = 1266;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    /** H2's length for a CHARACTER VARYING declared without one. */
    private static final long UNBOUNDED = 1_000_000_000L;

    private PgTypes() {}

    /**
     * The OID for an H2 result column.
     *
     * @param h2TypeName  {@code ResultSetMetaData.getColumnTypeName}, e.g. {@code CHARACTER VARYING}
     * @param precision   {@code ResultSetMetaData.getPrecision} (a character column's declared length)
     * @param tableColumn whether the column comes straight from a table (not an expression): only a
     *                    declared {@code VARCHAR(n)} column is varchar; other strings are CockroachDB's STRING
     */
    public static int oid(String h2TypeName, long precision, boolean tableColumn) {
        String type = h2TypeName.toUpperCase(Locale.ROOT);
        if (type.endsWith(" ARRAY")) {
            return TEXT_ARRAY;
        }
        if (type.startsWith("INTERVAL")) {
            return INTERVAL;
        }
        return switch (type) {
            case "BOOLEAN" -> BOOL;
            case "TINYINT", "SMALLINT" -> INT2;
            case "INTEGER" -> INT4;
            case "BIGINT" -> INT8;
            case "REAL" -> FLOAT4;
            case "DOUBLE PRECISION", "FLOAT" -> FLOAT8;
            case "NUMERIC", "DECIMAL", "DECFLOAT" -> NUMERIC;
            case "CHARACTER VARYING" -> tableColumn && precision > 0 && precision < UNBOUNDED ? VARCHAR : TEXT;
            case "CHARACTER" -> BPCHAR;
            case "BINARY VARYING", "BINARY", "BINARY LARGE OBJECT" -> BYTEA;
            case "DATE" -> DATE;
            case "TIME" -> TIME;
            case "TIME WITH TIME ZONE" -> TIMETZ;
            case "TIMESTAMP" -> TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> TIMESTAMPTZ;
            case "UUID" -> UUID;
            case "JSON" -> JSONB;
            default -> TEXT; // CHARACTER LARGE OBJECT, VARCHAR_IGNORECASE, ENUM, GEOMETRY, ...
        };
    }
}
