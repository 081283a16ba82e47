package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.node.NodeStatusFormat;

/**
 * {@code cockroach sql}: statements from {@code -e} (each on its own), {@code -f} or standard input
 * (a script that stops at the first error), over the PostgreSQL wire protocol to the node.
 */
final class SqlCommand {
    private SqlCommand() {}

    static int run(Release release, List<String> args, InputStream stdin, PrintStream out) throws CommandFailure {
        Flags f = Flags.parse(args, ClientFlags.spec(Set.of("execute", "file", "database", "set"),
                Set.of("echo-sql", "safe-updates"), Map.of('e', "execute", 'f', "file", 'd', "database")));
        String target = ClientFlags.target(f);
        String format = ClientFlags.format(f);
        String database = f.value("database").orElse("defaultdb");
        try (Connection c = connect(target, database, f.value("user").orElse("root"))) {
            if (!f.all("execute").isEmpty()) {
                for (String sql : f.all("execute")) {
                    runOne(c, sql, format, out);
                }
            } else {
                String script = f.value("file").isPresent() ? Files.readString(Path.of(f.value("file").get()))
                        : new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
                runScript(c, script, format, out);
            }
            return 0;
        } catch (SQLException e) {
            if ("08001".equals(e.getSQLState()) || "08006".equals(e.getSQLState()) && e.getMessage().contains("Connection")) {
                throw ClientFlags.cannotDial(target, new java.net.ConnectException(e.getMessage()));
            }
            throw new CommandFailure("ERROR: " + e.getMessage().replaceFirst("^ERROR: ", "") + "\nSQLSTATE: " + e.getSQLState());
        } catch (IOException e) {
            throw new CommandFailure("ERROR: " + e.getMessage());
        }
    }

    /** A connection for scripts: cockroach's CLI sends them as simple queries, statement by statement. */
    static Connection connect(String target, String database, String user) throws SQLException {
        return connect(target, database, user, true);
    }

    static Connection connect(String target, String database, String user, boolean simpleQueries) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("sslmode", "disable");
        if (simpleQueries) {
            p.setProperty("preferQueryMode", "simple");
        }
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + target + "/" + database, p);
    }

    private static void runOne(Connection c, String sql, String format, PrintStream out) throws SQLException {
        try (Statement s = c.createStatement()) {
            boolean rows = s.execute(sql);
            if (rows) {
                print(s.getResultSet(), format, out);
            } else {
                out.println(tag(sql, s.getUpdateCount()));
            }
        }
    }

    private static void runScript(Connection c, String script, String format, PrintStream out) throws SQLException {
        try (Statement s = c.createStatement()) {
            boolean rows = s.execute(script);
            while (true) {
                if (rows) {
                    print(s.getResultSet(), format, out);
                } else if (s.getUpdateCount() < 0) {
                    break;
                }
                rows = s.getMoreResults();
            }
        }
    }

    private static void print(ResultSet rs, String format, PrintStream out) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String v = rs.getString(i);
                row.add(v == null ? "NULL" : v);
            }
            rows.add(row);
        }
        out.print(NodeStatusFormat.render(format, columns, rows));
    }

    /** What cockroach prints for a statement without rows: {@code INSERT 3}, {@code CREATE TABLE}. */
    static String tag(String sql, int count) {
        String[] words = sql.trim().split("\\s+");
        String first = words[0].toUpperCase(Locale.ROOT);
        return switch (first) {
            case "INSERT", "UPDATE", "DELETE", "UPSERT" -> first + " " + Math.max(count, 0);
            case "CREATE", "DROP", "ALTER" -> words.length > 1 ? first + " " + words[1].toUpperCase(Locale.ROOT) : first;
            default -> first;
        };
    }
}
