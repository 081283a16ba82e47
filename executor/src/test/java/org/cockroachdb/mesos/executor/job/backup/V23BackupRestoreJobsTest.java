package org.cockroachdb.mesos.executor.job.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.apache.mesos.v1.Protos.TaskState;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.junit.jupiter.api.Test;

/** v23.1: no {@code cockroach dump}, so the executor dumps over SQL; {@code BACKUP ... INTO}, {@code RESTORE ... FROM LATEST IN}. */
class V23BackupRestoreJobsTest extends BackupRestoreJobsTest {
    @Override
    String release() {
        return "v23.1.11";
    }

    @Override
    VersionFamily family() {
        return VersionFamily.V23_1;
    }

    @Test
    void aComputedColumnIsLeftOutOfTheDumpAndComputedAgainOnRestore() throws Exception {
        String database = "computed_dump";
        try (Connection c = node.connect("defaultdb")) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        try (Connection c = node.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE prices (id INT PRIMARY KEY, net INT, gross INT AS (net * 2) STORED)");
            s.execute("INSERT INTO prices (id, net) VALUES (1, 10), (2, 21)");
        }
        Run backup = run(backup(database, "computed", JobSpec.BackupMode.DUMP), credentials());
        assertThat(backup.state()).as(backup.message()).isEqualTo(TaskState.TASK_FINISHED);
        byte[] dump = client.getObjectAsBytes(r -> r.bucket(BUCKET).key(S3_DIR + "/computed/" + database + ".sql"))
                .asByteArray();
        assertThat(new String(dump, java.nio.charset.StandardCharsets.UTF_8))
                .contains("INSERT INTO \"prices\" (\"id\", \"net\") VALUES");

        try (Connection c = node.connect("defaultdb")) {
            c.createStatement().execute("DROP DATABASE " + database + " CASCADE");
        }
        Run restore = run(restore(database, "computed", JobSpec.BackupMode.DUMP, false), credentials());
        assertThat(restore.state()).as(restore.message()).isEqualTo(TaskState.TASK_FINISHED);
        List<String> rows = new ArrayList<>();
        try (Connection c = node.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, net, gross FROM prices ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3));
            }
        }
        assertThat(rows).containsExactly("1|10|20", "2|21|42");
    }
}
