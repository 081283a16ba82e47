package org.cockroachdb.mesos.executor.job.backup;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A database as SQL, for releases without {@code cockroach dump} (v21.2+): each table's
 * {@code SHOW CREATE TABLE}, then its rows as INSERT statements of 100 rows, everything read in one
 * transaction {@code AS OF SYSTEM TIME} one timestamp, so the dump is consistent and blocks no writer.
 * {@code cockroach sql} restores it. Computed columns are left out of the INSERTs: the restore
 * computes them again, and CockroachDB refuses to write one.
 *
 * <p>Tables are created in name order with their foreign keys inline, so a table that references
 * one later in that order does not restore; views and sequences are not dumped.
 */
final class SqlDump {
    private static final int ROWS_PER_INSERT = 100;
    private static final int FETCH_ROWS = 1000;
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");

    private SqlDump() {}

    /** Writes the database {@code connection} is connected to; returns the rows written. */
    static long write(Connection connection, Writer out) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            // the first statement of the transaction: every read below sees this one timestamp
            s.execute("SET TRANSACTION AS OF SYSTEM TIME '-1s'");
        }
        List<String> tables = tables(connection);
        for (String table : tables) {
            out.write(createStatement(connection, table) + ";\n\n");
        }
        long rows = 0;
        for (String table : tables) {
            rows += rows(connection, table, out);
        }
        connection.rollback();
        out.flush();
        return rows;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW TABLES")) {
            boolean typed = hasColumn(rs, "type");
            boolean schemas = hasColumn(rs, "schema_name");
            while (rs.next()) {
                if ((!typed || "table".equals(rs.getString("type")))
                        && (!schemas || "public".equals(rs.getString("schema_name")))) {
                    names.add(rs.getString("table_name"));
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static String createStatement(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + quote(table))) {
            if (!rs.next()) {
                throw new SQLException("SHOW CREATE TABLE " + table + " returned nothing");
            }
            return rs.getString("create_statement").strip();
        }
    }

    private static long rows(Connection c, String table, Writer out) throws SQLException, IOException {
        long rows = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(FETCH_ROWS); // a cursor: memory holds a batch, not the table
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + quote(table))) {
                ResultSetMetaData md = rs.getMetaData();
                // Computed columns are recomputed by the restore; writing one fails the whole INSERT.
                Set<String> computed = computedColumns(c, table);
                List<String> columns = new ArrayList<>();
                List<Integer> written = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (!computed.contains(md.getColumnName(i))) {
                        columns.add(quote(md.getColumnName(i)));
                        written.add(i);
                    }
                }
                String insert = "INSERT INTO " + quote(table) + " (" + String.join(", ", columns) + ") VALUES";
                StringBuilder batch = new StringBuilder();
                int inBatch = 0;
                while (rs.next()) {
                    batch.append(inBatch == 0 ? insert + "\n\t(" : ",\n\t(");
                    for (int n = 0; n < written.size(); n++) {
                        int i = written.get(n);
                        batch.append(n > 0 ? ", " : "").append(literal(rs, i, md.getColumnType(i)));
                    }
                    batch.append(')');
                    rows++;
                    if (++inBatch == ROWS_PER_INSERT) {
                        out.write(batch.append(";\n").toString());
                        batch.setLength(0);
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    out.write(batch.append(";\n").toString());
                }
            }
        }
        if (rows > 0) {
            out.write("\n");
        }
        return rows;
    }

    /** The stored and virtual computed columns of a table of the public schema. */
    private static Set<String> computedColumns(Connection c, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, is_generated, generation_expression "
                + "FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String expression = rs.getString(3);
                    if ("ALWAYS".equalsIgnoreCase(rs.getString(2)) || expression != null && !expression.isBlank()) {
                        names.add(rs.getString(1));
                    }
                }
            }
        }
        return names;
    }

    /**
     * A value as SQL that reads back the same: numbers and booleans bare, bytes as {@code x'..'},
     * everything else as a string literal, which INSERT casts to the column's type (timestamps, UUIDs,
     * JSON, arrays, intervals, NaN and infinities alike).
     */
    static String literal(ResultSet rs, int i, int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.BIT, Types.BOOLEAN -> {
                boolean b = rs.getBoolean(i);
                return rs.wasNull() ? "NULL" : String.valueOf(b);
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] b = rs.getBytes(i);
                return b == null ? "NULL" : "x'" + HexFormat.of().formatHex(b) + "'";
            }
            default -> {
                String s = rs.getString(i);
                if (s == null) {
                    return "NULL";
                }
                boolean numeric = switch (sqlType) {
                    case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.DECIMAL,
                         Types.REAL, Types.FLOAT, Types.DOUBLE -> true;
                    default -> false;
                };
                return numeric && PLAIN_NUMBER.matcher(s).matches() ? s : string(s);
            }
        }
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String string(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static boolean hasColumn(ResultSet rs, String name) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
