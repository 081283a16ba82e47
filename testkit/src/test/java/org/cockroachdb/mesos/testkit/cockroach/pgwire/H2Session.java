package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlSession;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer;

/**
 * One session on the H2 database: statements run through plain JDBC with {@code $n} turned into
 * H2's {@code ?n}, results turned into PostgreSQL text values and type OIDs, and PostgreSQL's
 * transaction rules on top (BEGIN/COMMIT/ROLLBACK, and a failed transaction refusing everything but
 * its end).
 */
final class H2Session implements SqlSession {
    private final Connection connection;
    private final H2Backend backend;
    private boolean inTransaction;
    private boolean failed;

    H2Session(Connection connection, H2Backend backend) {
        this.connection = connection;
        this.backend = backend;
    }

    @Override
    public SqlResult execute(String sql, List<String> parameters) throws SqlError {
        backend.beforeRunning(sql);
        String keyword = StatementShape.of(sql).firstKeyword();
        try {
            switch (keyword) {
                case "BEGIN", "START":
                    connection.setAutoCommit(false);
                    inTransaction = true;
                    return SqlResult.command("BEGIN");
                case "COMMIT", "END":
                    return endTransaction(!failed);
                case "ROLLBACK", "ABORT":
                    return endTransaction(false);
                default:
                    break;
            }
            if (failed) {
                throw new SqlError("25P02", "current transaction is aborted, commands ignored until end of transaction block");
            }
            return run(sql, parameters, keyword);
        } catch (SQLException e) {
            failed = inTransaction;
            throw new SqlError(e.getSQLState() == null ? "XX000" : e.getSQLState(), e.getMessage());
        } catch (SqlError e) {
            failed = inTransaction;
            throw e;
        }
    }

    @Override
    public Optional<List<SqlResult.Column>> describe(String sql, List<Integer> parameterTypes) throws SqlError {
        backend.described();
        try (PreparedStatement ps = connection.prepareStatement(toH2(sql))) {
            ResultSetMetaData md = ps.getMetaData();
            return Optional.of(md == null ? List.of() : columns(md));
        } catch (SQLException e) {
            throw new SqlError(e.getSQLState(), e.getMessage());
        }
    }

    @Override
    public boolean inTransaction() {
        return inTransaction;
    }

    @Override
    public boolean transactionFailed() {
        return inTransaction && failed;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The in-memory database outlives the session either way.
        }
        backend.sessionClosed();
    }

    private SqlResult endTransaction(boolean commit) throws SQLException {
        if (commit) {
            connection.commit();
        } else {
            connection.rollback();
        }
        connection.setAutoCommit(true);
        inTransaction = false;
        failed = false;
        return SqlResult.command(commit ? "COMMIT" : "ROLLBACK");
    }

    private SqlResult run(String sql, List<String> parameters, String keyword) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(toH2(sql))) {
            for (int i = 0; i < parameters.size(); i++) {
                String value = parameters.get(i);
                // Text is what the wire hands over; bytea's text form (\x...) is the one H2 cannot convert itself.
                var types = ps.getParameterMetaData();
                if (value != null && isBinary(types.getParameterType(i + 1)) && !"UUID".equalsIgnoreCase(types.getParameterTypeName(i + 1))) {
                    ps.setBytes(i + 1, ByteaText.parse(value));
                } else {
                    ps.setString(i + 1, value);
                }
            }
            if (!ps.execute()) {
                return SqlResult.command(tag(sql, keyword, ps.getUpdateCount()));
            }
            try (ResultSet rs = ps.getResultSet()) {
                List<SqlResult.Column> columns = columns(rs.getMetaData());
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns.size());
                    for (int c = 1; c <= columns.size(); c++) {
                        row.add(text(rs, c, columns.get(c - 1).typeOid()));
                    }
                    rows.add(row);
                }
                return new SqlResult(columns, rows, "SELECT " + rows.size());
            }
        }
    }

    private static boolean isBinary(int jdbcType) {
        return jdbcType == Types.BINARY || jdbcType == Types.VARBINARY || jdbcType == Types.BLOB;
    }

    private static String tag(String sql, String keyword, int count) {
        switch (keyword) {
            case "INSERT": return "INSERT 0 " + count;
            case "UPDATE", "DELETE", "MERGE": return keyword + " " + count;
            case "CREATE", "DROP", "ALTER": {
                String[] words = sql.trim().split("\\s+");
                return words.length > 1 ? keyword + " " + words[1].toUpperCase(Locale.ROOT) : keyword;
            }
            default: return keyword;
        }
    }

    private static List<SqlResult.Column> columns(ResultSetMetaData md) throws SQLException {
        List<SqlResult.Column> columns = new ArrayList<>();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            columns.add(new SqlResult.Column(md.getColumnLabel(c), oid(md.getColumnType(c), md.getColumnTypeName(c))));
        }
        return columns;
    }

    private static int oid(int jdbcType, String typeName) {
        if ("UUID".equalsIgnoreCase(typeName)) {
            return TypeOid.UUID;
        }
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> TypeOid.BOOL;
            case Types.SMALLINT, Types.TINYINT -> TypeOid.INT2;
            case Types.INTEGER -> TypeOid.INT4;
            case Types.BIGINT -> TypeOid.INT8;
            case Types.REAL -> TypeOid.FLOAT4;
            case Types.DOUBLE, Types.FLOAT -> TypeOid.FLOAT8;
            case Types.NUMERIC, Types.DECIMAL -> TypeOid.NUMERIC;
            case Types.VARCHAR -> TypeOid.VARCHAR;
            case Types.BINARY, Types.VARBINARY, Types.BLOB -> TypeOid.BYTEA;
            case Types.DATE -> TypeOid.DATE;
            case Types.TIME -> TypeOid.TIME;
            case Types.TIMESTAMP -> TypeOid.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> TypeOid.TIMESTAMPTZ;
            default -> TypeOid.TEXT;
        };
    }

    /** The value as PostgreSQL would print it. */
    private static String text(ResultSet rs, int c, int oid) throws SQLException {
        if (oid == TypeOid.BOOL) {
            boolean b = rs.getBoolean(c);
            return rs.wasNull() ? null : b ? "t" : "f";
        }
        if (oid == TypeOid.BYTEA) {
            byte[] bytes = rs.getBytes(c);
            return bytes == null ? null : "\\x" + HexFormat.of().formatHex(bytes);
        }
        return rs.getString(c);
    }

    /** PostgreSQL's {@code $1} placeholders as H2's {@code ?1}, leaving literals and comments alone. */
    private static String toH2(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        for (SqlLexer.Token t : SqlLexer.tokens(sql)) {
            out.append(t.kind() == SqlLexer.Kind.PARAMETER ? "?" + t.text().substring(1) : t.text());
        }
        return out.toString();
    }
}
