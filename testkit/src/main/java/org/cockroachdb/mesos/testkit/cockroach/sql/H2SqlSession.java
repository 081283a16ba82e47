package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Backup;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Begin;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Commit;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.CreateDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.DropDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Malformed;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.NodeId;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Restore;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Rollback;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.RollbackToSavepoint;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.SetClusterSetting;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.SetVariable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowBackups;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowClusterSetting;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowCreateTable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowDatabases;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowTables;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowVariable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Unsupported;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.UseDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Version;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachToH2.ParameterHint;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult.Column;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlStatements;
import org.h2.api.ErrorCode;

/**
 * One client's session: its current database (an H2 connection opened on first use), its explicit
 * transaction and whether a statement failed in it, and its session variables. CockroachDB's own
 * statements are answered here; everything else is translated ({@link CockroachToH2}) and run by H2.
 */
public final class H2SqlSession implements SqlSession {
    private static final Map<String, String> VARIABLE_DEFAULTS = Map.ofEntries(
            Map.entry("application_name", ""),
            Map.entry("client_encoding", "UTF8"),
            Map.entry("server_encoding", "UTF8"),
            Map.entry("datestyle", "ISO, MDY"),
            Map.entry("intervalstyle", "postgres"),
            Map.entry("timezone", "UTC"),
            Map.entry("server_version", "13.0.0"),
            Map.entry("server_version_num", "130000"),
            Map.entry("standard_conforming_strings", "on"),
            Map.entry("extra_float_digits", "0"),
            Map.entry("search_path", "\"$user\", public"),
            Map.entry("transaction_isolation", "serializable"),
            Map.entry("default_transaction_isolation", "serializable"),
            Map.entry("integer_datetimes", "on"));
    private static final Set<String> NOT_VARIABLES = Set.of("user", "database", "options", "replication");

    private final H2SqlBackend backend;
    private final NodeContext context;
    private final String user;
    private final Map<String, String> variables = new HashMap<>();
    private String database;
    private Connection connection;
    private boolean explicitTransaction;
    private boolean failed;

    H2SqlSession(H2SqlBackend backend, String user, String database, Map<String, String> startupParameters) {
        this.backend = backend;
        this.context = backend.context();
        this.user = user;
        this.database = database;
        startupParameters.forEach((k, v) -> {
            if (!NOT_VARIABLES.contains(k.toLowerCase(Locale.ROOT))) {
                variables.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    H2SqlBackend backend() {
        return backend;
    }

    @Override
    public boolean inTransaction() {
        return explicitTransaction;
    }

    @Override
    public boolean transactionFailed() {
        return failed;
    }

    @Override
    public SqlResult execute(String sql, List<String> parameters) throws SqlError {
        Optional<SqlError> down = context.unavailable();
        if (down.isPresent()) {
            throw down.get();
        }
        List<String> statements = SqlStatements.split(sql);
        if (statements.isEmpty()) {
            return SqlResult.command(""); // an empty query: the wire server answers EmptyQueryResponse
        }
        if (statements.size() > 1) {
            // H2 would silently run only the first; a simple query's statements are split by the wire server.
            throw new SqlError("42601", "cannot insert multiple commands into a prepared statement");
        }
        sql = statements.get(0);
        Optional<CockroachStatement> statement = CockroachStatements.recognize(sql);
        boolean endsTransaction = statement.isPresent() && (statement.get() instanceof Commit
                || statement.get() instanceof Rollback || statement.get() instanceof RollbackToSavepoint);
        if (failed && !endsTransaction) {
            throw SqlErrors.transactionAborted();
        }
        try {
            return statement.isPresent() ? cockroach(statement.get()) : h2(sql, parameters == null ? List.of() : parameters);
        } catch (SqlError e) {
            if (explicitTransaction) {
                failed = true;
            }
            throw e;
        }
    }

    /**
     * The columns {@code sql} would return, without running it: empty for a statement that returns no
     * rows. For the wire server's Describe of a prepared statement.
     */
    @Override
    public Optional<List<Column>> describe(String sql, List<Integer> parameterTypes) throws SqlError {
        Optional<SqlError> down = context.unavailable();
        if (down.isPresent()) {
            throw down.get();
        }
        if (SqlStatements.split(sql).isEmpty()) {
            return Optional.of(List.of());
        }
        Optional<CockroachStatement> statement = CockroachStatements.recognize(sql);
        if (statement.isPresent()) {
            return Optional.of(columnsOf(statement.get()));
        }
        try (PreparedStatement ps = connection().prepareStatement(CockroachToH2.translate(sql).statements().get(0))) {
            ResultSetMetaData md = ps.getMetaData();
            return Optional.of(md == null ? List.of() : columns(md));
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        }
    }

    @Override
    public void close() {
        discardConnection();
    }

    // ---------------------------------------------------------------- H2

    private SqlResult h2(String sql, List<String> parameters) throws SqlError {
        CockroachToH2.Translation translation = CockroachToH2.translate(sql);
        Connection c = connection();
        SqlResult result = null;
        try {
            for (String statement : translation.statements()) {
                try (PreparedStatement ps = c.prepareStatement(statement)) {
                    if (result == null) {
                        bind(ps, parameters, translation.parameterHints());
                    }
                    boolean rows = ps.execute();
                    if (result == null) {
                        result = rows ? rows(ps.getResultSet(), sql)
                                : SqlResult.command(CommandTags.of(sql, false, Math.max(0, ps.getLargeUpdateCount())));
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            if (isConnectionLoss(e)) {
                discardConnection();
            }
            throw SqlErrors.fromH2(e);
        }
    }

    private static void bind(PreparedStatement ps, List<String> parameters, Map<Integer, ParameterHint> hints)
            throws SQLException, SqlError {
        ParameterMetaData md = ps.getParameterMetaData();
        int expected = md.getParameterCount();
        if (expected != parameters.size()) {
            throw new SqlError("08P01", "expected " + expected + " arguments, got " + parameters.size());
        }
        for (int i = 1; i <= expected; i++) {
            String value = parameters.get(i - 1);
            if (value == null) {
                ps.setNull(i, Types.NULL);
                continue;
            }
            String type = md.getParameterTypeName(i).toUpperCase(Locale.ROOT);
            if (hints.get(i) == ParameterHint.BYTES || type.startsWith("BINARY")) {
                ps.setBytes(i, byteaInput(value));
            } else if (type.equals("JSON")) {
                ps.setBytes(i, value.getBytes(StandardCharsets.UTF_8)); // H2 parses bytes as JSON text
            } else {
                ps.setString(i, value); // H2 converts text to the column's type as PostgreSQL would
            }
        }
    }

    /** PostgreSQL bytea input: {@code \x0a1b} hex, or the escape format ({@code \\}, {@code \123}). */
    static byte[] byteaInput(String text) {
        if (text.startsWith("\\x")) {
            return HexFormat.of().parseHex(text.substring(2));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else if (c == '\\' && i + 3 < text.length() && text.substring(i + 1, i + 4).matches("[0-3][0-7][0-7]")) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    private static SqlResult rows(ResultSet rs, String sql) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<Column> columns = columns(md);
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                row.add(PgText.read(rs, i + 1, columns.get(i).typeOid()));
            }
            rows.add(row);
        }
        return new SqlResult(columns, rows, CommandTags.of(sql, true, rows.size()));
    }

    private static List<Column> columns(ResultSetMetaData md) throws SQLException {
        List<Column> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String table = md.getTableName(i);
            columns.add(new Column(md.getColumnLabel(i),
                    PgTypes.oid(md.getColumnTypeName(i), md.getPrecision(i), table != null && !table.isEmpty())));
        }
        return columns;
    }

    /** The connection to the current database, opened on first use; 3D000 once it is gone. */
    private Connection connection() throws SqlError {
        if (!backend.catalog().exists(database)) {
            throw SqlErrors.databaseDoesNotExist(database);
        }
        if (connection == null) {
            connection = backend.connect(database);
            if (explicitTransaction) {
                try {
                    connection.setAutoCommit(false);
                } catch (SQLException e) {
                    throw SqlErrors.fromH2(e);
                }
            }
        }
        return connection;
    }

    private void discardConnection() {
        if (connection != null) {
            try {
                connection.close(); // rolls back what is open
            } catch (SQLException e) {
                // already gone
            }
            connection = null;
        }
    }

    private static boolean isConnectionLoss(SQLException e) {
        int code = e.getErrorCode();
        return code == ErrorCode.CONNECTION_BROKEN_1 || code == ErrorCode.DATABASE_IS_CLOSED
                || code == ErrorCode.DATABASE_CALLED_AT_SHUTDOWN || code == ErrorCode.OBJECT_CLOSED;
    }

    // ---------------------------------------------------------------- CockroachDB statements

    private SqlResult cockroach(CockroachStatement statement) throws SqlError {
        Release release = context.release();
        // Java 17 has no pattern matching for switch; the chain is in CockroachStatement's order.
        if (statement instanceof NodeId) {
            return single("crdb_internal.node_id", PgTypes.INT8, String.valueOf(context.nodeId()), "SELECT 1");
        } else if (statement instanceof Version) {
            return single("version", PgTypes.TEXT, versionText(release), "SELECT 1");
        } else if (statement instanceof ShowClusterSetting s) {
            return single(s.name(), PgTypes.TEXT, ClusterSettings.show(context, s.name()), "SHOW");
        } else if (statement instanceof SetClusterSetting s) {
            notInTransaction("SET CLUSTER SETTING");
            ClusterSettings.set(context, s.name(), s.value());
            return SqlResult.command("SET CLUSTER SETTING");
        } else if (statement instanceof CreateDatabase c) {
            return createDatabase(c);
        } else if (statement instanceof DropDatabase d) {
            return dropDatabase(d);
        } else if (statement instanceof ShowDatabases) {
            return showDatabases(release);
        } else if (statement instanceof ShowTables s) {
            return showTables(s.database().orElse(database), release);
        } else if (statement instanceof ShowCreateTable s) {
            return showCreateTable(s.table());
        } else if (statement instanceof UseDatabase u) {
            return use(u.name());
        } else if (statement instanceof SetVariable s) {
            if (s.value().equalsIgnoreCase("DEFAULT")) {
                variables.remove(s.name());
            } else if (!s.name().equals("transaction")) {
                variables.put(s.name(), s.value());
            }
            return SqlResult.command("SET");
        } else if (statement instanceof ShowVariable s) {
            return showVariable(s.name());
        } else if (statement instanceof Begin) {
            return begin();
        } else if (statement instanceof Commit) {
            return commit();
        } else if (statement instanceof Rollback) {
            return rollback();
        } else if (statement instanceof RollbackToSavepoint r) {
            return rollbackToSavepoint(r.sql());
        } else if (statement instanceof Backup b) {
            notInTransaction("BACKUP");
            return new BackupStatements(backend).backup(b);
        } else if (statement instanceof Restore r) {
            notInTransaction("RESTORE");
            return new BackupStatements(backend).restore(r);
        } else if (statement instanceof ShowBackups s) {
            return new BackupStatements(backend).showBackups(s);
        } else if (statement instanceof Malformed m) {
            throw SqlErrors.syntax(m.near());
        } else if (statement instanceof Unsupported u) {
            throw new SqlError("0A000", "unimplemented: " + u.what() + " is not supported by the stand-in");
        }
        throw new IllegalStateException("unhandled statement " + statement);
    }

    /** What {@link #describe} reports for a statement answered here. */
    private List<Column> columnsOf(CockroachStatement statement) {
        Release release = context.release();
        if (statement instanceof NodeId) {
            return List.of(new Column("crdb_internal.node_id", PgTypes.INT8));
        } else if (statement instanceof Version) {
            return List.of(new Column("version", PgTypes.TEXT));
        } else if (statement instanceof ShowClusterSetting s) {
            return List.of(new Column(s.name(), PgTypes.TEXT));
        } else if (statement instanceof ShowVariable s) {
            return List.of(new Column(s.name(), PgTypes.TEXT));
        } else if (statement instanceof ShowDatabases) {
            return textColumns(databaseColumns(release));
        } else if (statement instanceof ShowTables) {
            return tableColumns(release);
        } else if (statement instanceof ShowCreateTable) {
            return textColumns(List.of("table_name", "create_statement"));
        } else if (statement instanceof Backup b) {
            return BackupStatements.jobColumns(b.detached());
        } else if (statement instanceof Restore r) {
            return BackupStatements.jobColumns(r.detached());
        } else if (statement instanceof ShowBackups) {
            return textColumns(List.of("path"));
        }
        return List.of();
    }

    static String versionText(Release release) {
        return "CockroachDB CCL " + release.tag() + " (x86_64-pc-linux-gnu, built 2023/09/27 01:53:43, "
                + release.goVersion() + ")";
    }

    private SqlResult createDatabase(CreateDatabase c) throws SqlError {
        if (!DatabaseCatalog.validName(c.name())) {
            throw new SqlError("42602", "invalid database name \"" + c.name() + "\" (the stand-in keeps to letters, digits, _ $ -)");
        }
        if (!backend.catalog().create(c.name()) && !c.ifNotExists()) {
            throw SqlErrors.databaseAlreadyExists(c.name());
        }
        return SqlResult.command("CREATE DATABASE");
    }

    private SqlResult dropDatabase(DropDatabase d) throws SqlError {
        if (d.name().equals("system")) {
            throw new SqlError("42501", "user " + user + " does not have DROP privilege on database system");
        }
        if (!backend.catalog().exists(d.name())) {
            if (d.ifExists()) {
                return SqlResult.command("DROP DATABASE");
            }
            throw SqlErrors.databaseDoesNotExist(d.name());
        }
        if (d.restrict() && !tableNames(d.name()).isEmpty()) {
            throw new SqlError("2BP01", "database \"" + d.name() + "\" is not empty and RESTRICT was specified");
        }
        if (d.name().equals(database)) {
            discardConnection();
        }
        drop(backend, d.name());
        return SqlResult.command("DROP DATABASE");
    }

    /** Empties the database, then forgets it; a crash in between leaves an empty database, never a half one. */
    static void drop(H2SqlBackend backend, String name) throws SqlError {
        try (Connection c = backend.connectEvenIfDropped(name); Statement s = c.createStatement()) {
            s.execute("DROP ALL OBJECTS");
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        }
        backend.catalog().remove(name);
    }

    private SqlResult showDatabases(Release release) {
        List<String> columns = databaseColumns(release);
        List<List<String>> rows = new ArrayList<>();
        for (String name : backend.catalog().names()) {
            List<String> row = new ArrayList<>();
            row.add(name);
            if (columns.size() > 1) {
                row.add(name.equals("system") ? "node" : "root");
            }
            while (row.size() < columns.size()) {
                row.add(null); // regions and survival goal: not a multi-region cluster
            }
            rows.add(row);
        }
        return new SqlResult(textColumns(columns), rows, "SHOW DATABASES " + rows.size());
    }

    private static List<String> databaseColumns(Release release) {
        return switch (release.family()) {
            case V2_1 -> List.of("database_name");
            case V20_2 -> List.of("database_name", "owner");
            case V23_1 -> List.of("database_name", "owner", "primary_region", "secondary_region", "regions", "survival_goal");
        };
    }

    private SqlResult showTables(String db, Release release) throws SqlError {
        List<Column> columns = tableColumns(release);
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = backend.connect(db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name, table_type, row_count_estimate FROM information_schema.tables "
                     + "WHERE table_schema = 'public' ORDER BY table_name")) {
            while (rs.next()) {
                String type = rs.getString(2).equals("VIEW") ? "view" : "table";
                rows.add(switch (release.family()) {
                    case V2_1 -> List.of(rs.getString(1));
                    case V20_2 -> List.of("public", rs.getString(1), type, "root", String.valueOf(rs.getLong(3)));
                    case V23_1 -> Arrays.asList("public", rs.getString(1), type, "root", String.valueOf(rs.getLong(3)), null);
                });
            }
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        }
        return new SqlResult(columns, rows, "SHOW TABLES " + rows.size());
    }

    private static List<Column> tableColumns(Release release) {
        return switch (release.family()) {
            case V2_1 -> textColumns(List.of("table_name"));
            case V20_2 -> withInt8(textColumns(List.of("schema_name", "table_name", "type", "owner", "estimated_row_count")), 4);
            case V23_1 -> withInt8(textColumns(List.of("schema_name", "table_name", "type", "owner", "estimated_row_count",
                    "locality")), 4);
        };
    }

    private List<String> tableNames(String db) throws SqlError {
        List<String> names = new ArrayList<>();
        try (Connection c = backend.connect(db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        }
        return names;
    }

    private SqlResult showCreateTable(String qualified) throws SqlError {
        String table = qualified.substring(qualified.lastIndexOf('.') + 1);
        if (!tableNames(database).contains(table)) {
            throw new SqlError("42P01", "relation \"" + qualified + "\" does not exist");
        }
        try {
            String create = Dump.createTable(connection(), table);
            return new SqlResult(textColumns(List.of("table_name", "create_statement")),
                    List.of(List.of(qualified, create)), "SHOW CREATE 1");
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        }
    }

    private SqlResult use(String name) throws SqlError {
        if (!backend.catalog().exists(name)) {
            throw SqlErrors.databaseDoesNotExist(name);
        }
        if (!name.equals(database)) {
            notInTransaction("changing the database");
            discardConnection();
            database = name;
        }
        return SqlResult.command("SET");
    }

    private SqlResult showVariable(String name) throws SqlError {
        String value = name.equals("database") ? database
                : name.equals("session_user") || name.equals("session_authorization") ? user
                : variables.getOrDefault(name, VARIABLE_DEFAULTS.get(name));
        if (value == null) {
            throw new SqlError("42704", "unrecognized configuration parameter \"" + name + "\"");
        }
        return single(name, PgTypes.TEXT, value, "SHOW");
    }

    // ---------------------------------------------------------------- transactions

    private SqlResult begin() throws SqlError {
        if (explicitTransaction) {
            throw new SqlError("25001", "there is already a transaction in progress");
        }
        explicitTransaction = true;
        failed = false;
        if (connection != null) {
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                discardConnection();
            }
        }
        return SqlResult.command("BEGIN");
    }

    private SqlResult commit() throws SqlError {
        if (!explicitTransaction) {
            return SqlResult.command("COMMIT"); // PostgreSQL warns "there is no transaction in progress"
        }
        if (failed) {
            return rollback(); // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK
        }
        try {
            if (connection != null) {
                connection.commit();
            }
            return SqlResult.command("COMMIT");
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        } finally {
            endTransaction();
        }
    }

    private SqlResult rollback() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                discardConnection(); // closing rolls back; a lost connection has nothing left to undo
            }
        }
        endTransaction();
        return SqlResult.command("ROLLBACK");
    }

    private void endTransaction() {
        explicitTransaction = false;
        failed = false;
        if (connection != null) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                discardConnection();
            }
        }
    }

    private SqlResult rollbackToSavepoint(String sql) throws SqlError {
        if (!explicitTransaction) {
            throw new SqlError("25P01", "there is no transaction in progress");
        }
        try (Statement s = connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        }
        failed = false;
        return SqlResult.command("ROLLBACK");
    }

    private void notInTransaction(String what) throws SqlError {
        if (explicitTransaction) {
            throw new SqlError("25001", what + " cannot be used inside a multi-statement transaction");
        }
    }

    // ---------------------------------------------------------------- results

    private static SqlResult single(String column, int oid, String value, String tag) {
        List<String> row = new ArrayList<>();
        row.add(value);
        return new SqlResult(List.of(new Column(column, oid)), List.of(row), tag);
    }

    private static List<Column> textColumns(List<String> names) {
        return names.stream().map(n -> new Column(n, PgTypes.TEXT)).toList();
    }

    private static List<Column> withInt8(List<Column> columns, int index) {
        List<Column> out = new ArrayList<>(columns);
        out.set(index, new Column(columns.get(index).name(), PgTypes.INT8));
        return List.copyOf(out);
    }
}
