package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code cockroach dump}: a database as CockroachDB-style SQL, {@code CREATE TABLE} statements (with
 * their indexes inline, as CockroachDB prints them), then {@code INSERT} statements of 100 rows each,
 * then the foreign keys as {@code ALTER TABLE}. Fed back statement by statement through a session on
 * an empty database it recreates the same tables and rows: types, NULLs, quotes and backslashes,
 * bytes, exact floats. Everything is read in one snapshot. Works over any JDBC connection that reaches
 * the stand-in's engine (an H2 connection from {@link H2SqlBackend#connect}, or a PostgreSQL driver
 * talking to a stand-in node), because it only reads the information schema and the rows.
 *
 * <p>Not dumped: sequences, users, grants, comments, column families and zone configs (the last two do
 * not exist here).
 */
public final class Dump {
    /** CockroachDB's {@code --dump-mode}. */
    public enum Mode { BOTH, SCHEMA, DATA }

    /** What was written; BACKUP and RESTORE report these. */
    public record Stats(List<String> tables, long rows, long indexEntries, long bytes) {}

    private static final int ROWS_PER_INSERT = 100;
    /** Names H2 gives the indexes it creates for constraints. */
    private static final Pattern GENERATED_INDEX = Pattern.compile("(?:CONSTRAINT|.*)_INDEX_[0-9A-F]+");

    private final Connection c;
    private final Writer out;
    private long bytes;

    private Dump(Connection c, Writer out) {
        this.c = c;
        this.out = out;
    }

    /** The database {@code session}'s backend serves under {@code database}; 3D000 if there is none. */
    public static Stats write(H2SqlSession session, String database, Writer out) throws SqlError, IOException {
        try (Connection c = session.backend().connect(database)) {
            return write(c, Mode.BOTH, out);
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        }
    }

    /** The database {@code connection} is connected to. */
    public static Stats write(Connection connection, Writer out) throws SQLException, IOException {
        return write(connection, Mode.BOTH, out);
    }

    public static Stats write(Connection connection, Mode mode, Writer out) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        if (autoCommit) {
            // One snapshot for the whole dump, as CockroachDB reads everything at one timestamp.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
        }
        try {
            return new Dump(connection, out).run(mode);
        } finally {
            if (autoCommit) {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(isolation);
            }
        }
    }

    /** {@code SHOW CREATE TABLE}: the statement that creates {@code table}, foreign keys included. */
    static String createTable(Connection connection, String table) throws SQLException {
        StringWriter w = new StringWriter();
        Dump d = new Dump(connection, w);
        try {
            Table t = d.table(table);
            d.emitCreate(t);
            for (String fk : d.foreignKeys(t)) {
                w.write(fk);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return w.toString().strip();
    }

    // ---------------------------------------------------------------- model

    /** @param computed the expression of a computed column, else null */
    private record Column(String name, String dataType, String cockroachType, boolean nullable, String defaultValue,
                          String computed) {}

    private record Table(String name, List<Column> columns, List<String> primaryKey, List<String> constraints,
                         List<String> indexes, int secondaryIndexes) {}

    private Stats run(Mode mode) throws SQLException, IOException {
        List<Table> tables = new ArrayList<>();
        for (String name : tableNames()) {
            tables.add(table(name));
        }
        if (mode != Mode.DATA) {
            for (Table t : tables) {
                emitCreate(t);
                emit("\n");
            }
            for (String view : views()) {
                emit(view);
            }
        }
        long rows = 0;
        long indexEntries = 0;
        if (mode != Mode.SCHEMA) {
            for (Table t : tables) {
                long n = emitRows(t);
                rows += n;
                indexEntries += n * t.secondaryIndexes();
            }
        }
        if (mode != Mode.DATA) {
            for (Table t : tables) {
                for (String fk : foreignKeys(t)) {
                    emit(fk);
                }
            }
        }
        out.flush();
        return new Stats(tables.stream().map(Table::name).toList(), rows, indexEntries, bytes);
    }

    private List<String> tableNames() throws SQLException {
        return strings("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_type = 'BASE TABLE' ORDER BY table_name");
    }

    private Table table(String name) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, character_maximum_length, "
                + "numeric_precision, numeric_scale, datetime_precision, is_nullable, column_default, is_identity, "
                + "is_generated, generation_expression "
                + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? "
                + "ORDER BY ordinal_position")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String dataType = rs.getString(2).toLowerCase(Locale.ROOT);
                    String type = cockroachType(dataType, longOrNull(rs, 3), longOrNull(rs, 4), longOrNull(rs, 5),
                            longOrNull(rs, 6));
                    String def = rs.getString(8);
                    if ("YES".equalsIgnoreCase(rs.getString(9))) {
                        def = null;
                        type += " GENERATED BY DEFAULT AS IDENTITY";
                    }
                    String computed = "ALWAYS".equalsIgnoreCase(rs.getString(10)) ? rs.getString(11) : null;
                    columns.add(new Column(rs.getString(1), dataType, type, "YES".equalsIgnoreCase(rs.getString(7)),
                            def == null ? null : def.replace("\"public\".\"unique_rowid\"()", "unique_rowid()"),
                            computed));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("relation \"" + name + "\" does not exist", "42P01");
        }
        List<String> primaryKey = new ArrayList<>();
        List<String> constraints = new ArrayList<>();
        List<String> constraintIndexes = new ArrayList<>();
        for (Map.Entry<String, String[]> e : constraintsOf(name).entrySet()) {
            String constraint = e.getKey();
            String type = e.getValue()[0];
            String index = e.getValue()[1];
            // A foreign key may borrow a user's index; only the one H2 made for it is H2's business.
            if (!type.equals("FOREIGN KEY") || (index != null && GENERATED_INDEX.matcher(index).matches())) {
                constraintIndexes.add(index);
            }
            List<String> cols = keyColumns(name, constraint);
            switch (type) {
                case "PRIMARY KEY" -> {
                    primaryKey.addAll(cols);
                    constraints.add(0, "CONSTRAINT " + Identifiers.quote(generated(constraint) ? name + "_pkey" : constraint)
                            + " PRIMARY KEY (" + columnList(cols, true) + ")");
                }
                case "UNIQUE" -> constraints.add("CONSTRAINT " + Identifiers.quote(generated(constraint)
                        ? name + "_" + String.join("_", cols) + "_key" : constraint) + " UNIQUE (" + columnList(cols, false) + ")");
                case "CHECK" -> constraints.add("CONSTRAINT " + Identifiers.quote(generated(constraint)
                        ? "check_" + name + "_" + constraints.size() : constraint) + " CHECK (" + checkClause(constraint) + ")");
                default -> { } // foreign keys come after the data
            }
        }
        List<String> indexes = new ArrayList<>();
        int secondary = (int) constraints.stream().filter(s -> s.contains(" UNIQUE (")).count();
        try (PreparedStatement ps = c.prepareStatement("SELECT index_name, index_type_name FROM information_schema.indexes "
                + "WHERE table_schema = 'public' AND table_name = ? ORDER BY index_name")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String index = rs.getString(1);
                    String type = rs.getString(2);
                    if (constraintIndexes.contains(index) || type.equals("PRIMARY KEY")) {
                        continue; // backs a constraint (H2 also indexes foreign keys by itself)
                    }
                    indexes.add(index + "\u0000" + type);
                }
            }
        }
        List<String> indexDefinitions = new ArrayList<>();
        for (String entry : indexes) {
            String index = entry.substring(0, entry.indexOf('\u0000'));
            boolean unique = entry.endsWith("UNIQUE INDEX");
            indexDefinitions.add((unique ? "UNIQUE INDEX " : "INDEX ") + Identifiers.quote(index) + " ("
                    + indexColumns(name, index) + ")");
            secondary++;
        }
        return new Table(name, columns, primaryKey, constraints, indexDefinitions, secondary);
    }

    /** constraint name → {type, backing index}, in name order. */
    private Map<String, String[]> constraintsOf(String table) throws SQLException {
        Map<String, String[]> m = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT constraint_name, constraint_type, index_name "
                + "FROM information_schema.table_constraints WHERE table_schema = 'public' AND table_name = ? "
                + "ORDER BY constraint_name")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        return m;
    }

    private List<String> keyColumns(String table, String constraint) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.key_column_usage "
                + "WHERE table_schema = 'public' AND table_name = ? AND constraint_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            ps.setString(2, constraint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
        }
        return cols;
    }

    private String checkClause(String constraint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT check_clause FROM information_schema.check_constraints "
                + "WHERE constraint_schema = 'public' AND constraint_name = ?")) {
            ps.setString(1, constraint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "true";
            }
        }
    }

    private String indexColumns(String table, String index) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, ordering_specification "
                + "FROM information_schema.index_columns WHERE table_schema = 'public' AND table_name = ? "
                + "AND index_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, table);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cols.add(Identifiers.quote(rs.getString(1)) + " " + rs.getString(2));
                }
            }
        }
        return String.join(", ", cols);
    }

    private List<String> foreignKeys(Table t) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rc.constraint_name, rc.unique_constraint_name, "
                + "rc.update_rule, rc.delete_rule FROM information_schema.referential_constraints rc "
                + "JOIN information_schema.table_constraints tc ON tc.constraint_schema = rc.constraint_schema "
                + "AND tc.constraint_name = rc.constraint_name WHERE tc.table_schema = 'public' AND tc.table_name = ? "
                + "ORDER BY rc.constraint_name")) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    List<String> cols = keyColumns(t.name(), name);
                    String[] target = referencedKey(rs.getString(2));
                    String fk = "ALTER TABLE " + Identifiers.quote(t.name()) + " ADD CONSTRAINT "
                            + Identifiers.quote(generated(name) ? t.name() + "_" + String.join("_", cols) + "_fkey" : name)
                            + " FOREIGN KEY (" + columnList(cols, false) + ") REFERENCES " + Identifiers.quote(target[0])
                            + " (" + target[1] + ")" + rule(" ON UPDATE ", rs.getString(3)) + rule(" ON DELETE ", rs.getString(4))
                            + ";\n";
                    out.add(fk);
                }
            }
        }
        return out;
    }

    /** {table, quoted column list} of the unique constraint a foreign key references. */
    private String[] referencedKey(String uniqueConstraint) throws SQLException {
        String table = null;
        List<String> cols = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name FROM information_schema.key_column_usage "
                + "WHERE table_schema = 'public' AND constraint_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, uniqueConstraint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    table = rs.getString(1);
                    cols.add(rs.getString(2));
                }
            }
        }
        return new String[] {table, columnList(cols, false)};
    }

    private static String rule(String prefix, String rule) {
        return rule == null || rule.equals("RESTRICT") || rule.equals("NO ACTION") ? "" : prefix + rule;
    }

    private List<String> views() throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, view_definition FROM information_schema.views "
                + "WHERE table_schema = 'public' ORDER BY table_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add("CREATE VIEW " + Identifiers.quote(rs.getString(1)) + " AS " + rs.getString(2) + ";\n\n");
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- DDL

    private void emitCreate(Table t) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Column col : t.columns()) {
            lines.add(Identifiers.quote(col.name()) + " " + col.cockroachType()
                    + (col.computed() == null ? "" : " AS (" + col.computed() + ") STORED")
                    + (col.nullable() ? " NULL" : " NOT NULL")
                    + (col.defaultValue() == null ? "" : " DEFAULT " + col.defaultValue()));
        }
        lines.addAll(t.constraints());
        lines.addAll(t.indexes());
        emit("CREATE TABLE " + Identifiers.quote(t.name()) + " (\n\t" + String.join(",\n\t", lines) + "\n);\n");
    }

    /** CockroachDB's name for an H2 column type (information_schema spelling, lower case). */
    static String cockroachType(String dataType, Long length, Long precision, Long scale, Long datetimePrecision) {
        String fraction = datetimePrecision != null && datetimePrecision != 6 ? "(" + datetimePrecision + ")" : "";
        return switch (dataType) {
            case "bigint" -> "INT8";
            case "integer" -> "INT4";
            case "smallint", "tinyint" -> "INT2";
            case "double precision" -> "FLOAT8";
            case "real" -> "FLOAT4";
            case "numeric", "decimal" -> precision == null ? "DECIMAL" : "DECIMAL(" + precision + "," + (scale == null ? 0 : scale) + ")";
            case "decfloat" -> "DECIMAL";
            case "boolean" -> "BOOL";
            case "character varying" -> length == null || length >= 1_000_000_000L ? "STRING" : "VARCHAR(" + length + ")";
            case "character" -> "CHAR(" + length + ")";
            case "character large object" -> "STRING";
            case "binary varying", "binary", "binary large object" -> "BYTES";
            case "date" -> "DATE";
            case "time" -> "TIME" + fraction;
            case "time with time zone" -> "TIMETZ" + fraction;
            case "timestamp" -> "TIMESTAMP" + fraction;
            case "timestamp with time zone" -> "TIMESTAMPTZ" + fraction;
            case "uuid" -> "UUID";
            case "json" -> "JSONB";
            default -> dataType.toUpperCase(Locale.ROOT);
        };
    }

    // ---------------------------------------------------------------- data

    private long emitRows(Table t) throws SQLException, IOException {
        StringBuilder select = new StringBuilder("SELECT ");
        List<String> quoted = new ArrayList<>();
        // Computed columns are computed again on restore, as cockroach dump leaves them out.
        List<Column> written = t.columns().stream().filter(col -> col.computed() == null).toList();
        for (Column col : written) {
            quoted.add(Identifiers.quote(col.name()));
        }
        select.append(String.join(", ", quoted)).append(" FROM ").append(Identifiers.quote(t.name()));
        if (!t.primaryKey().isEmpty()) {
            select.append(" ORDER BY ").append(columnList(t.primaryKey(), false));
        }
        String insert = "INSERT INTO " + Identifiers.quote(t.name()) + " (" + String.join(", ", quoted) + ") VALUES";
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(select.toString()); ResultSet rs = ps.executeQuery()) {
            StringBuilder batch = new StringBuilder();
            int inBatch = 0;
            while (rs.next()) {
                batch.append(inBatch == 0 ? insert + "\n\t(" : ",\n\t(");
                for (int i = 0; i < written.size(); i++) {
                    if (i > 0) {
                        batch.append(", ");
                    }
                    batch.append(literal(rs, i + 1, written.get(i).dataType()));
                }
                batch.append(')');
                rows++;
                if (++inBatch == ROWS_PER_INSERT) {
                    emit(batch.append(";\n").toString());
                    batch.setLength(0);
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                emit(batch.append(";\n").toString());
            }
        }
        if (rows > 0) {
            emit("\n");
        }
        return rows;
    }

    /** A value as a SQL literal that reads back as exactly the same value, in CockroachDB and here. */
    static String literal(ResultSet rs, int i, String dataType) throws SQLException {
        String text = switch (dataType) {
            case "boolean" -> {
                boolean b = rs.getBoolean(i);
                yield rs.wasNull() ? null : String.valueOf(b);
            }
            case "double precision" -> {
                double d = rs.getDouble(i);
                yield rs.wasNull() ? null : floatLiteral(PgText.float8(d), d == 0 && 1 / d < 0, "FLOAT8");
            }
            case "real" -> {
                float f = rs.getFloat(i);
                yield rs.wasNull() ? null : floatLiteral(PgText.float4(f), f == 0 && 1 / f < 0, "FLOAT4");
            }
            case "numeric", "decimal", "decfloat" -> {
                String s = rs.getString(i);
                if (s == null) {
                    yield null;
                }
                try {
                    yield new BigDecimal(s).toPlainString();
                } catch (NumberFormatException e) {
                    yield Identifiers.literal(s) + "::DECIMAL"; // NaN, Infinity
                }
            }
            case "bigint", "integer", "smallint", "tinyint" -> rs.getString(i);
            case "binary varying", "binary", "binary large object" -> {
                byte[] b = rs.getBytes(i);
                yield b == null ? null : "x'" + HexFormat.of().formatHex(b) + "'";
            }
            case "json" -> {
                String s = rs.getString(i);
                yield s == null ? null : Identifiers.literal(s) + "::JSONB";
            }
            case "timestamp" -> {
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                yield t == null ? null : Identifiers.literal(PgText.timestamp(t));
            }
            case "timestamp with time zone" -> {
                // With the stored offset, so that it reads back identical (H2 keeps offsets).
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : Identifiers.literal(PgText.timestamp(t.toLocalDateTime()) + t.getOffset().getId()
                        .replace("Z", "+00:00"));
            }
            case "date" -> {
                LocalDate d = rs.getObject(i, LocalDate.class);
                yield d == null ? null : Identifiers.literal(d.toString());
            }
            case "time" -> {
                LocalTime t = rs.getObject(i, LocalTime.class);
                yield t == null ? null : Identifiers.literal(PgText.time(t));
            }
            case "time with time zone" -> {
                OffsetTime t = rs.getObject(i, OffsetTime.class);
                yield t == null ? null : Identifiers.literal(PgText.time(t.toLocalTime()) + t.getOffset().getId()
                        .replace("Z", "+00:00"));
            }
            default -> {
                String s = rs.getString(i);
                yield s == null ? null : Identifiers.literal(s);
            }
        };
        return text == null ? "NULL" : text;
    }

    private static String floatLiteral(String text, boolean negativeZero, String type) {
        if (negativeZero || text.equals("NaN") || text.endsWith("Infinity")) {
            return Identifiers.literal(text) + "::" + type;
        }
        return text;
    }

    // ---------------------------------------------------------------- plumbing

    private void emit(String s) throws IOException {
        out.write(s);
        bytes += s.getBytes(StandardCharsets.UTF_8).length;
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static String columnList(List<String> cols, boolean ascending) {
        List<String> quoted = new ArrayList<>();
        for (String col : cols) {
            quoted.add(Identifiers.quote(col) + (ascending ? " ASC" : ""));
        }
        return String.join(", ", quoted);
    }

    /** H2's name for a constraint nobody named. */
    private static boolean generated(String constraint) {
        return constraint.startsWith("CONSTRAINT_");
    }
}
