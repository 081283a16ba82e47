package org.cockroachdb.mesos.testkit.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL on a stand-in cluster, over the real PostgreSQL wire protocol: one logical database through
 * every node, refused without quorum, {@code cockroach sql} in all its input modes, and psql.
 */
class StandinSqlTest {
    @TempDir
    Path dir;

    private StandinCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Connection connect(StandinCluster.Node n, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + n.rpcAddress() + "/" + database, p);
    }

    private static long count(StandinCluster.Node n, String table) throws SQLException {
        try (Connection c = connect(n, "defaultdb"); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private StandinCluster threeNodes() throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11");
        cluster.startAndInit(3);
        return cluster;
    }

    @Test
    void everyNodeServesTheSameLogicalDatabase() throws Exception {
        StandinCluster c = threeNodes();
        try (Connection one = connect(c.node(0), "defaultdb")) {
            one.createStatement().execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT)");
        }
        try (Connection two = connect(c.node(1), "defaultdb")) {
            var insert = two.prepareStatement("INSERT INTO accounts VALUES (?, ?)");
            for (int i = 0; i < 10; i++) {
                insert.setInt(1, i);
                insert.setInt(2, 100 * i);
                insert.executeUpdate();
            }
        }
        assertThat(count(c.node(2), "accounts")).isEqualTo(10);
    }

    @Test
    void crdbInternalNodeIdIsTheServingNodes() throws Exception {
        StandinCluster c = threeNodes();
        for (StandinCluster.Node n : c.nodes()) {
            String banner = n.output().lines().filter(l -> l.startsWith("nodeID:")).findFirst().orElseThrow();
            try (Connection conn = connect(n, "defaultdb");
                 ResultSet rs = conn.createStatement().executeQuery("SELECT crdb_internal.node_id()")) {
                rs.next();
                assertThat(banner).endsWith(" " + rs.getInt(1));
            }
        }
    }

    @Test
    void sqlSurvivesOneNodeDownIsRefusedWithoutQuorumAndComesBack() throws Exception {
        StandinCluster c = threeNodes();
        try (Connection conn = connect(c.node(0), "defaultdb")) {
            conn.createStatement().execute("CREATE TABLE events (id INT PRIMARY KEY)");
        }
        c.kill(c.node(2));
        await().atMost(StandinCluster.WAIT).until(() -> c.metric(c.node(0), "liveness_livenodes") == 2);
        try (Connection conn = connect(c.node(1), "defaultdb")) {
            conn.createStatement().execute("INSERT INTO events VALUES (1)");
        }

        c.signal(c.node(1), "TERM");
        assertThat(c.node(1).process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(c.node(0), "/health?ready=1") == 503);
        assertThatThrownBy(() -> count(c.node(0), "events")).isInstanceOf(SQLException.class)
                .hasMessageContaining("cluster unavailable");

        c.start(c.node(1));
        c.start(c.node(2));
        await().atMost(StandinCluster.WAIT).until(() -> c.httpStatus(c.node(0), "/health?ready=1") == 200);
        assertThat(count(c.node(0), "events")).isEqualTo(1);
    }

    @Test
    void clusterSettingsAreSharedByEveryNode() throws Exception {
        StandinCluster c = threeNodes();
        try (Connection one = connect(c.node(0), "defaultdb")) {
            one.createStatement().execute("SET CLUSTER SETTING cluster.preserve_downgrade_option = '23.1'");
        }
        try (Connection two = connect(c.node(1), "defaultdb"); Statement s = two.createStatement()) {
            ResultSet rs = s.executeQuery("SHOW CLUSTER SETTING cluster.preserve_downgrade_option");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("23.1");
            rs = s.executeQuery("SHOW CLUSTER SETTING version");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("23.1");
        }
    }

    @Test
    void aDrainingNodeRefusesNewSqlSessions() throws Exception {
        StandinCluster c = threeNodes();
        c.cli("node", "drain", "--self", "--insecure", "--host=" + c.node(2).rpcAddress());

        assertThatThrownBy(() -> connect(c.node(2), "defaultdb")).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57P01"));
        try (Connection other = connect(c.node(0), "defaultdb")) {
            assertThat(other.isValid(5)).isTrue(); // the other nodes still serve
        }
    }

    @Test
    void cockroachSqlTakesExecuteFileAndStdinWithADatabase() throws Exception {
        StandinCluster c = threeNodes();
        String host = "--host=" + c.node(0).rpcAddress();
        assertThat(c.cli("sql", "--insecure", host, "-e", "CREATE DATABASE shop").exitCode()).isZero();
        assertThat(c.cli("sql", "--insecure", host, "--database=shop", "--execute",
                "CREATE TABLE items (id INT PRIMARY KEY, name STRING)").exitCode()).isZero();
        Path file = dir.resolve("insert.sql");
        Files.writeString(file, "INSERT INTO items VALUES (1, 'one');\nINSERT INTO items VALUES (2, 'two');\n");
        StandinCluster.Result fromFile = c.cli("sql", "--insecure", host, "-d", "shop", "-f", file.toString());
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        StandinCluster.Result fromStdin = c.cliWithInput("INSERT INTO items VALUES (3, 'three');\n", "sql", "--insecure", host,
                "--database=shop");
        assertThat(fromStdin.exitCode()).as(fromStdin.err()).isZero();

        StandinCluster.Result select = c.cli("sql", "--insecure", "--host=" + c.node(1).rpcAddress(), "--database=shop",
                "--format=csv", "-e", "SELECT id, name FROM items ORDER BY id");

        assertThat(select.out().lines()).containsExactly("id,name", "1,one", "2,two", "3,three");
    }

    @Test
    void aFailingStatementExitsNonZeroWithTheSqlstate() throws Exception {
        StandinCluster c = threeNodes();

        StandinCluster.Result r = c.cli("sql", "--insecure", "--host=" + c.node(0).rpcAddress(), "-e",
                "SELECT * FROM no_such_table");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR:").contains("SQLSTATE: 42P01");
    }

    @Test
    void psqlConnectsToANode() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")),
                "psql (postgresql-client) is not installed; CI installs it");
        StandinCluster c = threeNodes();
        StandinCluster.Node n = c.node(1);
        Process p = new ProcessBuilder("psql", "host=127.0.0.1 port=" + n.rpcPort + " user=root dbname=defaultdb sslmode=prefer",
                "-A", "-t", "-c", "SELECT crdb_internal.node_id()").redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(n.output()).contains("nodeID:              " + out);
    }
}
