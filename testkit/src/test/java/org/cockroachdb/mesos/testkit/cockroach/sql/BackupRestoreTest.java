package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BACKUP/RESTORE rules by release, through {@code nodelocal://} (no S3 needed for these). */
class BackupRestoreTest {
    @TempDir
    Path dir;
    final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    H2SqlSession session(String release, int nodeId) throws SqlError {
        H2SqlBackend backend = new H2SqlBackend(new FakeNodeContext(dir, Release.parse(release), nodeId));
        H2SqlSession s = backend.open("root", "defaultdb", Map.of());
        opened.add(s);
        opened.add(backend);
        return s;
    }

    static SqlResult run(H2SqlSession s, String sql) throws SqlError {
        return s.execute(sql, List.of());
    }

    static SqlError error(H2SqlSession s, String sql) {
        return H2SqlSessionTest.error(s, sql);
    }

    static void createShop(H2SqlSession s) throws SqlError {
        run(s, "CREATE DATABASE shop");
        run(s, "USE shop");
        run(s, "CREATE TABLE items (id INT PRIMARY KEY, name STRING)");
        run(s, "INSERT INTO items VALUES (1, 'a'), (2, 'b')");
        run(s, "USE defaultdb");
    }

    @Test
    void v2_1WithoutALicenseRefusesBackupAndRestore() throws SqlError {
        H2SqlSession s = session("v2.1.4", 1);
        createShop(s);
        SqlError backup = error(s, "BACKUP DATABASE shop TO 'nodelocal://1/b'");
        assertThat(backup.sqlState()).isEqualTo("XXC01");
        assertThat(backup.getMessage()).isEqualTo("use of BACKUP requires an enterprise license");
        SqlError restore = error(s, "RESTORE DATABASE shop FROM 'nodelocal://1/b'");
        assertThat(restore.sqlState()).isEqualTo("XXC01");
        assertThat(restore.getMessage()).isEqualTo("use of RESTORE requires an enterprise license");

        run(s, "SET CLUSTER SETTING enterprise.license = 'crl-0-test'");
        assertThat(run(s, "BACKUP DATABASE shop TO 'nodelocal://1/b'").rows().get(0).get(1)).isEqualTo("succeeded");
    }

    @Test
    void aBackupTakenThroughOneNodeRestoresThroughAnother() throws SqlError {
        H2SqlSession first = session("v23.1.11", 1);
        createShop(first);
        run(first, "BACKUP DATABASE shop INTO 'nodelocal://1/backups'");
        run(first, "DROP DATABASE shop");
        H2SqlSession second = session("v23.1.11", 2);
        assertThat(run(second, "RESTORE DATABASE shop FROM LATEST IN 'nodelocal://self/backups'").rows().get(0).get(3))
                .isEqualTo("2");
        run(second, "USE shop");
        assertThat(run(second, "SELECT name FROM items ORDER BY id").rows()).containsExactly(List.of("a"), List.of("b"));
        assertThat(Files.isDirectory(dir.resolve("extern/backups"))).isTrue();
    }

    @Test
    void restoringFromAnEmptyLocationSaysThereIsNoBackup() throws SqlError {
        H2SqlSession s = session("v23.1.11", 1);
        SqlError e = error(s, "RESTORE DATABASE shop FROM LATEST IN 'nodelocal://1/nothing-here'");
        assertThat(e.getMessage()).startsWith("path does not contain a completed latest backup");
        assertThat(run(s, "SHOW BACKUPS IN 'nodelocal://1/nothing-here'").rows()).isEmpty();
    }

    @Test
    void restoreNeedsTheDatabaseTheBackupHolds() throws SqlError {
        H2SqlSession s = session("v23.1.11", 1);
        createShop(s);
        run(s, "BACKUP DATABASE shop INTO 'nodelocal://1/b'");
        assertThat(error(s, "RESTORE DATABASE other FROM LATEST IN 'nodelocal://1/b'").sqlState()).isEqualTo("42704");
        assertThat(error(s, "BACKUP DATABASE missing INTO 'nodelocal://1/b'").sqlState()).isEqualTo("42704");
    }

    @Test
    void aRestoreThatFailsHalfwayLeavesNoDatabase() throws Exception {
        H2SqlSession s = session("v23.1.11", 1);
        createShop(s);
        run(s, "BACKUP DATABASE shop INTO 'nodelocal://1/b'");
        run(s, "DROP DATABASE shop");
        Path data;
        try (Stream<Path> files = Files.walk(dir.resolve("extern/b"))) {
            data = files.filter(p -> p.getFileName().toString().equals("data.sql")).findFirst().orElseThrow();
        }
        Files.writeString(data, Files.readString(data) + "INSERT INTO items VALUES (1, 'duplicate');\n");
        SqlError e = error(s, "RESTORE DATABASE shop FROM LATEST IN 'nodelocal://1/b'");
        assertThat(e.sqlState()).isEqualTo("23505");
        assertThat(e.getMessage()).startsWith("restore failed: ");
        assertThat(run(s, "SHOW DATABASES").rows()).extracting(r -> r.get(0)).doesNotContain("shop");
    }

    @Test
    void backupAndRestoreAreNotAllowedInsideATransaction() throws SqlError {
        H2SqlSession s = session("v23.1.11", 1);
        createShop(s);
        run(s, "BEGIN");
        assertThat(error(s, "BACKUP DATABASE shop INTO 'nodelocal://1/b'").sqlState()).isEqualTo("25001");
    }

    @Test
    void detachedBackupsAnswerWithTheJobIdOnly() throws SqlError {
        H2SqlSession s = session("v23.1.11", 1);
        createShop(s);
        SqlResult r = run(s, "BACKUP DATABASE shop INTO 'nodelocal://1/b' WITH detached");
        assertThat(r.columns()).containsExactly(new SqlResult.Column("job_id", PgTypes.INT8));
    }

    @Test
    void formsTheStandInDoesNotHaveAreReportedAsUnimplemented() throws SqlError {
        H2SqlSession s = session("v23.1.11", 1);
        assertThat(error(s, "BACKUP INTO 'nodelocal://1/b'").sqlState()).isEqualTo("0A000");
        assertThat(error(s, "BACKUP DATABASE defaultdb INTO LATEST IN 'nodelocal://1/b'").sqlState()).isEqualTo("0A000");
        SqlError scheme = error(s, "BACKUP DATABASE defaultdb INTO 'gs://bucket/path?CREDENTIALS=c2VjcmV0'");
        assertThat(scheme.sqlState()).isEqualTo("0A000");
        assertThat(scheme.getMessage()).contains("\"gs\"").doesNotContain("c2VjcmV0");
        assertThat(error(s, "BACKUP DATABASE defaultdb INTO").sqlState()).isEqualTo("42601");
        assertThat(error(s, "BACKUP DATABASE defaultdb INTO 'nodelocal://1/../../outside'").sqlState()).isEqualTo("22023");
    }

    @Test
    void v24_3NoLongerAcceptsTheToForm() throws SqlError {
        H2SqlSession s = session("v24.3.1", 1);
        assertThat(error(s, "BACKUP DATABASE defaultdb TO 'nodelocal://1/b'").sqlState()).isEqualTo("0A000");
        assertThat(run(s, "BACKUP DATABASE defaultdb INTO 'nodelocal://1/b'").rows()).hasSize(1);
    }
}
