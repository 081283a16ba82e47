package org.cockroachdb.mesos.testkit.cockroach;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.cockroachdb.mesos.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups through real stand-in nodes: {@code cockroach dump} restored with {@code cockroach sql}
 * (v20.2), and {@code BACKUP ... INTO} / {@code RESTORE ... FROM LATEST IN} against a real S3 server
 * with signatures checked (v23.1).
 */
class StandinBackupTest {
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    @TempDir
    Path dir;

    private StandinCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void fill(StandinCluster.Node n, String database, int rows) throws Exception {
        try (Connection c = StandinSqlTest.connect(n, "defaultdb")) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        try (Connection c = StandinSqlTest.connect(n, database)) {
            c.createStatement().execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner STRING, balance DECIMAL)");
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)");
            for (int i = 0; i < rows; i++) {
                insert.setInt(1, i);
                insert.setString(2, i % 7 == 0 ? "o'brien \\ \"" + i + "\"" : "owner-" + i);
                insert.setBigDecimal(3, new java.math.BigDecimal(i).movePointLeft(2));
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private static String fingerprint(StandinCluster.Node n, String database) throws Exception {
        try (Connection c = StandinSqlTest.connect(n, database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, owner, balance FROM accounts ORDER BY id")) {
            StringBuilder b = new StringBuilder();
            int rows = 0;
            while (rs.next()) {
                b.append(rs.getInt(1)).append('|').append(rs.getString(2)).append('|').append(rs.getBigDecimal(3)).append('\n');
                rows++;
            }
            return rows + " rows\n" + b;
        }
    }

    @Test
    void aDumpRestoresThroughCockroachSql() throws Exception {
        cluster = new StandinCluster(dir, "v20.2.19");
        StandinCluster c = cluster;
        c.startAndInit(3);
        fill(c.node(0), "bank", 500);
        String host = "--host=" + c.node(1).rpcAddress();

        StandinCluster.Result dump = c.cli("dump", "bank", "--insecure", host);
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(dump.out()).contains("CREATE TABLE").contains("INSERT INTO");
        assertThat(c.cli("sql", "--insecure", host, "-e", "CREATE DATABASE restored").exitCode()).isZero();
        StandinCluster.Result restore = c.cliWithInput(dump.out(), "sql", "--insecure", "--host=" + c.node(2).rpcAddress(),
                "--database=restored");

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(fingerprint(c.node(0), "restored")).isEqualTo(fingerprint(c.node(0), "bank"));
    }

    @Test
    void dumpIsGoneFromV21Point2() throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11");

        StandinCluster.Result r = cluster.cli("dump", "bank", "--insecure", "--host=127.0.0.1:1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown command \"dump\" for \"cockroach\"");
    }

    @Test
    void backupIntoS3AndRestoreFromLatest() throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11");
        StandinCluster c = cluster;
        c.startAndInit(3);
        fill(c.node(0), "bank", 10_000);
        String before = fingerprint(c.node(0), "bank");
        S3.createBucket("backups");
        String uri = S3.uri("backups/bank");

        try (Connection conn = StandinSqlTest.connect(c.node(1), "defaultdb"); Statement s = conn.createStatement()) {
            ResultSet rs = s.executeQuery("BACKUP DATABASE bank INTO '" + uri + "' AS OF SYSTEM TIME '-10s'");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("status")).isEqualTo("succeeded");
            assertThat(rs.getLong("rows")).isEqualTo(10_000);
            s.execute("DROP DATABASE bank CASCADE");
        }
        try (Connection conn = StandinSqlTest.connect(c.node(2), "defaultdb")) {
            conn.createStatement().execute("RESTORE DATABASE bank FROM LATEST IN '" + uri + "'");
        }

        assertThat(fingerprint(c.node(0), "bank")).isEqualTo(before);
    }
}
