package org.cockroachdb.mesos.executor.job.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.job.JobSupervisor;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.executor.standin.RunningNode;
import org.cockroachdb.mesos.executor.supervise.RecordingSink;
import org.cockroachdb.mesos.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backup and restore jobs against a real one-node stand-in cluster of one release and a real S3
 * server that checks signatures: round trips of 10,000 rows, and every refusal. One subclass per
 * version family.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BackupRestoreJobsTest {
    static final String BUCKET = "backups";
    static final String S3_DIR = "cockroachdb/prod";

    @RegisterExtension
    final S3ProxyExtension s3 = new S3ProxyExtension();

    @TempDir
    Path dir;

    RunningNode node;
    S3Client client;

    abstract String release();

    abstract VersionFamily family();

    @BeforeAll
    void start(@TempDir Path clusterDir) throws Exception {
        node = RunningNode.start(clusterDir, release());
        s3.createBucket(BUCKET);
        client = s3.client();
    }

    @AfterAll
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    // ---------------------------------------------------------------- round trips

    void roundTrip(JobSpec.BackupMode mode, String database) throws Exception {
        fill(database, 10_000);
        String before = fingerprint(database);
        String backupDir = "roundtrip-" + mode.name().toLowerCase();

        Run backup = run(backup(database, backupDir, mode), credentials());
        assertThat(backup.state()).as(backup.message()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(backup.message()).contains(database).doesNotContain(S3ProxyExtension.SECRET_KEY)
                .hasSizeLessThanOrEqualTo(200);
        assertThat(keys(S3_DIR + "/" + backupDir)).isNotEmpty();

        try (Connection c = node.connect("defaultdb")) {
            c.createStatement().execute("DROP DATABASE " + database + " CASCADE");
        }
        Run restore = run(restore(database, backupDir, mode, false), credentials());

        assertThat(restore.state()).as(restore.message()).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(fingerprint(database)).isEqualTo(before);
    }

    @Test
    void aDumpIsSqlTextWithAManifestThatMatchesAndRestoresEveryRow() throws Exception {
        roundTrip(JobSpec.BackupMode.DUMP, "bank_dump");

        String prefix = S3_DIR + "/roundtrip-dump/";
        byte[] dump = client.getObjectAsBytes(r -> r.bucket(BUCKET).key(prefix + "bank_dump.sql")).asByteArray();
        String text = new String(dump, StandardCharsets.UTF_8);
        assertThat(text).contains("CREATE TABLE").contains("INSERT INTO");
        DumpManifest manifest = DumpManifest.fromJson(
                client.getObjectAsBytes(r -> r.bucket(BUCKET).key(prefix + "manifest.json")).asByteArray());
        assertThat(manifest.database()).isEqualTo("bank_dump");
        assertThat(manifest.bytes()).isEqualTo(dump.length);
        assertThat(manifest.sha256()).isEqualTo(sha256(dump));
        assertThat(manifest.cockroachVersion()).isEqualTo(release());
        assertThat(manifest.mode()).isEqualTo("DUMP");
        assertThat(manifest.format()).isEqualTo(family() == VersionFamily.V23_1 ? DumpManifest.FORMAT_SQL_SNAPSHOT
                : DumpManifest.FORMAT_COCKROACH_DUMP);
        assertThat(manifest.createdAt()).isNotEmpty();
    }

    @Test
    void aNativeBackupRestoresEveryRow() throws Exception {
        roundTrip(JobSpec.BackupMode.NATIVE, "bank_native");
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void wrongCredentialsFailClearlyAndLeaveNoObject() throws Exception {
        fill("bank_creds", 100);
        Map<String, String> wrong = Map.of("AWS_ACCESS_KEY_ID", S3ProxyExtension.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", "wrong/secret+key=1");

        Run dump = run(backup("bank_creds", "creds-dump", JobSpec.BackupMode.DUMP), wrong);
        Run nativeBackup = run(backup("bank_creds", "creds-native", JobSpec.BackupMode.NATIVE), wrong);

        assertThat(dump.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(dump.message()).contains("S3 refused the credentials (403").doesNotContain("wrong/secret");
        assertThat(nativeBackup.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(nativeBackup.message()).startsWith("BACKUP of bank_creds")
                .doesNotContain("wrong/secret").doesNotContain("wrong%2Fsecret");
        assertThat(keys(S3_DIR + "/creds-")).isEmpty();
    }

    @Test
    void missingCredentialsFailNamingTheVariables() throws Exception {
        Run run = run(backup("bank_none", "none", JobSpec.BackupMode.DUMP), Map.of());

        assertThat(run.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(run.message()).startsWith("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set");
    }

    @Test
    void aCorruptTruncatedOrUnfinishedDumpIsRefusedBeforeTheDatabaseIsTouched() throws Exception {
        fill("bank_bad", 300);
        String before = fingerprint("bank_bad");
        assertThat(run(backup("bank_bad", "bad", JobSpec.BackupMode.DUMP), credentials()).state())
                .isEqualTo(TaskState.TASK_FINISHED);
        String key = S3_DIR + "/bad/bank_bad.sql";
        byte[] good = client.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x01;
        client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(flipped));
        Run corrupt = run(restore("bank_bad", "bad", JobSpec.BackupMode.DUMP, true), credentials());

        client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(java.util.Arrays.copyOf(good, good.length - 100)));
        Run truncated = run(restore("bank_bad", "bad", JobSpec.BackupMode.DUMP, true), credentials());

        client.deleteObject(r -> r.bucket(BUCKET).key(S3_DIR + "/bad/manifest.json"));
        Run unfinished = run(restore("bank_bad", "bad", JobSpec.BackupMode.DUMP, true), credentials());

        for (Run r : List.of(corrupt, truncated)) {
            assertThat(r.state()).isEqualTo(TaskState.TASK_FAILED);
            assertThat(r.message()).contains("is corrupt or truncated").endsWith("the database was not touched");
        }
        assertThat(unfinished.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(unfinished.message()).startsWith("no manifest.json at s3://backups/" + S3_DIR + "/bad/manifest.json");
        // force would have dropped it: nothing did
        assertThat(fingerprint("bank_bad")).isEqualTo(before);
    }

    @Test
    void aRestoreOverADatabaseWithTablesNeedsForce() throws Exception {
        for (JobSpec.BackupMode mode : JobSpec.BackupMode.values()) {
            String database = "bank_force_" + mode.name().toLowerCase();
            String backupDir = "force-" + mode.name().toLowerCase();
            fill(database, 200);
            String before = fingerprint(database);
            assertThat(run(backup(database, backupDir, mode), credentials()).state()).isEqualTo(TaskState.TASK_FINISHED);
            try (Connection c = node.connect(database)) {
                c.createStatement().execute("DELETE FROM accounts WHERE id < 50");
            }
            String changed = fingerprint(database);

            Run refused = run(restore(database, backupDir, mode, false), credentials());
            assertThat(refused.state()).isEqualTo(TaskState.TASK_FAILED);
            assertThat(refused.message()).isEqualTo("database " + database
                    + " exists and is not empty; restore with force to drop it first");
            assertThat(fingerprint(database)).isEqualTo(changed);

            Run forced = run(restore(database, backupDir, mode, true), credentials());
            assertThat(forced.state()).as(forced.message()).isEqualTo(TaskState.TASK_FINISHED);
            assertThat(fingerprint(database)).isEqualTo(before);
        }
    }

    @Test
    void aForcedNativeRestoreFromAFolderWithoutABackupDropsNothing() throws Exception {
        fill("bank_kept", 100);
        String before = fingerprint("bank_kept");

        Run wrongFolder = run(restore("bank_kept", "no-such-backup", JobSpec.BackupMode.NATIVE, true), credentials());

        assertThat(wrongFolder.state()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(wrongFolder.message()).isEqualTo("no backup at s3://" + BUCKET + "/" + S3_DIR
                + "/no-such-backup; nothing was changed (check the bucket, the backup folder and the region)");
        assertThat(fingerprint("bank_kept")).as("the database a forced restore would have dropped").isEqualTo(before);
    }

    // ---------------------------------------------------------------- plumbing

    record Run(TaskState state, String message, List<TaskStatus> updates) {}

    Run run(JobSpec spec, Map<String, String> environment) throws Exception {
        RecordingSink sink = new RecordingSink();
        TaskInfo task = TaskInfo.newBuilder().setName("job").setTaskId(TaskID.newBuilder().setValue("job"))
                .setAgentId(AgentID.newBuilder().setValue("agent-0")).setData(ByteString.copyFrom(spec.toJson())).build();
        JobSupervisor job = new JobSupervisor(task, Files.createDirectories(dir.resolve("sandbox")), sink, false,
                environment);
        job.start();
        TaskState state = job.terminated().get(60, TimeUnit.SECONDS);
        TaskStatus last = sink.sent.get(sink.sent.size() - 1);
        return new Run(state, last.getMessage(), List.copyOf(sink.sent));
    }

    Map<String, String> credentials() {
        return Map.of("AWS_ACCESS_KEY_ID", S3ProxyExtension.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY",
                S3ProxyExtension.SECRET_KEY);
    }

    JobSpec.Backup backup(String database, String backupDir, JobSpec.BackupMode mode) {
        return new JobSpec.Backup(node.binary().toString(), node.address(), database, BUCKET, S3_DIR, backupDir,
                "us-east-1", Optional.of(s3.endpoint()), mode, family(), LaunchSpec.SecurityMode.INSECURE);
    }

    JobSpec.Restore restore(String database, String backupDir, JobSpec.BackupMode mode, boolean force) {
        return new JobSpec.Restore(node.binary().toString(), node.address(), database, BUCKET, S3_DIR, backupDir,
                "us-east-1", Optional.of(s3.endpoint()), mode, family(), LaunchSpec.SecurityMode.INSECURE, force);
    }

    List<String> keys(String prefix) {
        return client.listObjectsV2(r -> r.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    void fill(String database, int rows) throws Exception {
        try (Connection c = node.connect("defaultdb")) {
            c.createStatement().execute("CREATE DATABASE " + database);
        }
        try (Connection c = node.connect(database)) {
            c.createStatement().execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner STRING, balance DECIMAL, "
                    + "active BOOL, note BYTES)");
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?, ?, ?)");
            for (int i = 0; i < rows; i++) {
                insert.setInt(1, i);
                insert.setString(2, i % 7 == 0 ? "o'brien \\ \"" + i + "\"" : "owner-" + i);
                insert.setBigDecimal(3, new BigDecimal(i).movePointLeft(2));
                insert.setBoolean(4, i % 2 == 0);
                if (i % 5 == 0) {
                    insert.setNull(5, java.sql.Types.BINARY);
                } else {
                    insert.setBytes(5, new byte[] {(byte) i, 0, (byte) 0xff});
                }
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
    }

    /** Count and sum, and a hash of every row in key order. */
    String fingerprint(String database) throws Exception {
        try (Connection c = node.connect(database); Statement s = c.createStatement()) {
            String totals;
            try (ResultSet rs = s.executeQuery("SELECT count(*), sum(balance) FROM accounts")) {
                rs.next();
                totals = rs.getLong(1) + " rows, sum " + rs.getBigDecimal(2);
            }
            MessageDigest rows = MessageDigest.getInstance("SHA-256");
            try (ResultSet rs = s.executeQuery("SELECT id, owner, balance, active, note FROM accounts ORDER BY id")) {
                while (rs.next()) {
                    String row = rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getBigDecimal(3) + "|" + rs.getBoolean(4)
                            + "|" + (rs.getBytes(5) == null ? "null" : HexFormat.of().formatHex(rs.getBytes(5))) + "\n";
                    rows.update(row.getBytes(StandardCharsets.UTF_8));
                }
            }
            return totals + ", rows " + HexFormat.of().formatHex(rows.digest());
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
