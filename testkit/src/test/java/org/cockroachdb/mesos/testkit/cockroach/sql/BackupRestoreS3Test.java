package org.cockroachdb.mesos.testkit.cockroach.sql;

import org.cockroachdb.mesos.testkit.s3.S3ProxyExtension;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** BACKUP and RESTORE against a real S3 server (s3proxy, signatures checked). */
class BackupRestoreS3Test {
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    @TempDir
    Path dir;
    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    H2SqlSession session(String release) throws SqlError {
        H2SqlBackend backend = new H2SqlBackend(new FakeNodeContext(dir, Release.parse(release), 1));
        H2SqlSession s = backend.open("root", "defaultdb", Map.of());
        opened.add(s);
        opened.add(backend);
        return s;
    }

    static SqlResult run(H2SqlSession s, String sql) throws SqlError {
        return s.execute(sql, List.of());
    }

    static String dumpOf(H2SqlSession s, String database) throws Exception {
        StringWriter w = new StringWriter();
        Dump.write(s, database, w);
        return w.toString();
    }

    static void createBank(H2SqlSession s, int rows) throws SqlError {
        run(s, "CREATE DATABASE bank");
        run(s, "USE bank");
        run(s, "CREATE TABLE accounts (id INT PRIMARY KEY, owner STRING NOT NULL, balance DECIMAL(12,2), "
                + "note STRING, raw BYTES, INDEX by_owner (owner))");
        run(s, "INSERT INTO accounts SELECT x, 'owner-' || x, x * 1.5, CASE WHEN MOD(x, 7) = 0 THEN NULL "
                + "ELSE 'it''s \\ row ' || x END, CAST(x AS BINARY VARYING) FROM generate_series(1, " + rows + ") AS g(x)");
        run(s, "USE defaultdb");
    }

    @Test
    void tenThousandRowsGoToS3AndComeBackIdentical() throws Exception {
        S3.createBucket("backups");
        H2SqlSession s = session("v23.1.11");
        createBank(s, 10_000);
        String before = dumpOf(s, "bank");
        String uri = S3.uri("backups/cluster-a");

        SqlResult backup = run(s, "BACKUP DATABASE bank INTO '" + uri + "' AS OF SYSTEM TIME '-10s'");
        assertThat(backup.columns()).extracting(SqlResult.Column::name)
                .containsExactly("job_id", "status", "fraction_completed", "rows", "index_entries", "bytes");
        assertThat(backup.commandTag()).isEqualTo("BACKUP 1");
        List<String> row = backup.rows().get(0);
        assertThat(Long.parseLong(row.get(0))).isPositive();
        assertThat(row.subList(1, 5)).containsExactly("succeeded", "1", "10000", "10000");
        assertThat(Long.parseLong(row.get(5))).isGreaterThan(100_000);

        List<List<String>> backups = run(s, "SHOW BACKUPS IN '" + uri + "'").rows();
        assertThat(backups).hasSize(1);
        String subdirectory = backups.get(0).get(0);
        assertThat(subdirectory).matches("\\d{4}/\\d{2}/\\d{2}-\\d{6}\\.\\d{2}");
        try (S3Client client = S3.client()) {
            assertThat(client.listObjectsV2(r -> r.bucket("backups").prefix("cluster-a/")).contents())
                    .extracting(S3Object::key)
                    .containsExactlyInAnyOrder("cluster-a/LATEST", "cluster-a/" + subdirectory + "/BACKUP_MANIFEST",
                            "cluster-a/" + subdirectory + "/data.sql");
            assertThat(client.getObjectAsBytes(r -> r.bucket("backups").key("cluster-a/LATEST")).asString(StandardCharsets.UTF_8))
                    .isEqualTo(subdirectory);
        }

        SqlError exists = H2SqlSessionTest.error(s, "RESTORE DATABASE bank FROM LATEST IN '" + uri + "'");
        assertThat(exists.sqlState()).isEqualTo("42P04");
        assertThat(exists.getMessage()).isEqualTo("database \"bank\" already exists");

        run(s, "DROP DATABASE bank CASCADE");
        SqlResult restore = run(s, "RESTORE DATABASE bank FROM LATEST IN '" + uri + "'");
        assertThat(restore.commandTag()).isEqualTo("RESTORE 1");
        assertThat(restore.rows().get(0).subList(1, 4)).containsExactly("succeeded", "1", "10000");
        assertThat(dumpOf(s, "bank")).isEqualTo(before);

        // A second backup becomes LATEST; the first stays restorable by name.
        run(s, "USE bank");
        run(s, "DELETE FROM accounts WHERE id > 10");
        run(s, "USE defaultdb");
        run(s, "BACKUP DATABASE bank INTO '" + uri + "'");
        assertThat(run(s, "SHOW BACKUPS IN '" + uri + "'").rows()).hasSize(2).first().isEqualTo(List.of(subdirectory));
        run(s, "DROP DATABASE bank");
        run(s, "RESTORE DATABASE bank FROM LATEST IN '" + uri + "'");
        run(s, "USE bank");
        assertThat(run(s, "SELECT count(*) FROM accounts").rows()).containsExactly(List.of("10"));
        run(s, "USE defaultdb");
        run(s, "DROP DATABASE bank");
        run(s, "RESTORE DATABASE bank FROM '" + subdirectory + "' IN '" + uri + "'");
        assertThat(dumpOf(s, "bank")).isEqualTo(before);
    }

    @Test
    void aWrongSecretFailsClearlyWithoutShowingTheSecret() throws Exception {
        S3.createBucket("guarded");
        H2SqlSession s = session("v23.1.11");
        createBank(s, 3);
        String wrong = "wrong/secret+" + "x".repeat(8);
        SqlError e = H2SqlSessionTest.error(s, "BACKUP DATABASE bank INTO '" + S3.uri("guarded/b", wrong) + "'");
        assertThat(e.sqlState()).isEqualTo("XX000");
        assertThat(e.getMessage())
                .contains("failed to write backup to s3://guarded/b?")
                .contains("AWS_SECRET_ACCESS_KEY=redacted")
                .contains("SignatureDoesNotMatch")
                .doesNotContain(wrong)
                .doesNotContain(S3ProxyExtension.encode(wrong))
                .doesNotContain(S3ProxyExtension.SECRET_KEY);
    }

    @Test
    void v20_2UsesToAndFromWithoutCollections() throws Exception {
        S3.createBucket("old");
        H2SqlSession s = session("v20.2.7");
        createBank(s, 50);
        String before = dumpOf(s, "bank");
        String uri = S3.uri("old/bank-full");
        SqlResult backup = run(s, "BACKUP DATABASE bank TO '" + uri + "'");
        assertThat(backup.rows().get(0).subList(1, 4)).containsExactly("succeeded", "1", "50");
        SqlError again = H2SqlSessionTest.error(s, "BACKUP DATABASE bank TO '" + uri + "'");
        assertThat(again.getMessage()).contains("already contains a BACKUP_MANIFEST file").doesNotContain(S3ProxyExtension.SECRET_KEY);
        assertThat(H2SqlSessionTest.error(s, "BACKUP DATABASE bank INTO '" + uri + "'").sqlState()).isEqualTo("42601");
        assertThat(H2SqlSessionTest.error(s, "SHOW BACKUPS IN '" + uri + "'").sqlState()).isEqualTo("42601");
        run(s, "DROP DATABASE bank");
        run(s, "RESTORE DATABASE bank FROM '" + uri + "'");
        assertThat(dumpOf(s, "bank")).isEqualTo(before);
    }
}
