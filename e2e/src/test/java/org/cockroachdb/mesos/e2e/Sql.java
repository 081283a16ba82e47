package org.cockroachdb.mesos.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** SQL over the PostgreSQL wire protocol (pgjdbc), as applications reach a node: insecure, user root. */
final class Sql {
    private Sql() {}

    static Connection connect(String address) throws SQLException {
        return connect(address, "defaultdb");
    }

    static Connection connect(String address, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "30");
        return DriverManager.getConnection("jdbc:postgresql://" + address + "/" + database, p);
    }

    static void execute(String address, String... statements) throws SQLException {
        try (Connection c = connect(address); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of every row, as text. */
    static List<String> column(String address, String query) throws SQLException {
        try (Connection c = connect(address); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** The id of the node serving {@code address}. */
    static long nodeId(String address) throws SQLException {
        return Long.parseLong(column(address, "SELECT crdb_internal.node_id()").get(0));
    }
}
