package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.cockroachdb.mesos.cli.CliRun;
import org.cockroachdb.mesos.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backup and restore end to end, per version family: the CLI in-process against a local cluster's
 * scheduler, jobs run by the real executor against the cockroach stand-in, objects in s3proxy (real
 * S3 protocol, signatures checked). 10,000 rows are backed up in dump and native mode, read back
 * with a plain S3 client, and restored into a dropped database with every row and a checksum equal;
 * wrong credentials fail clearly and leave no object; a corrupted dump is refused before the
 * database is touched; no credential reaches the scheduler's log or ZooKeeper.
 */
class BackupRestoreTest {

    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();
    private static final int ROWS = 10_000;
    private static final String DIR = "cockroach-backups";
    private static final String WRONG_SECRET = "not-the-secret/" + "x+y=1";

    /** Node ports of their own, so that no other suite's cluster on this machine takes them meanwhile. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"v23.1.11, 26461, 8461", "v20.2.19, 26462, 8462"})
    void backupAndRestoreInBothModes(String version, int pgPort, int httpPort) throws Exception {
        String bucket = "backups-" + version.replace(".", "-").substring(1);
        S3.createBucket(bucket);
        try (E2eCluster cluster = E2eCluster.of(E2eCluster.builder("backup-" + version, 3, 3, Map.of())
                .cockroachVersion(version).pgPort(pgPort).httpPort(httpPort).start())) {
            cluster.awaitDeployComplete();
            String url = cluster.local().apiUri().toString();
            String pg = cluster.api().addresses("pg").get(0);
            load(pg);
            String checksum = checksum(pg);

            // dump: the SQL and its manifest, readable by any S3 client
            CliRun dump = cli(url, "backup", "bank", bucket, "-l", "dump-1", "--mode", "dump");
            assertThat(dump.exit()).as(dump.toString()).isZero();
            assertThat(dump.out()).contains("backup COMPLETE: backup-0:[backup]");
            assertThat(keys(bucket, DIR + "/dump-1/")).contains(DIR + "/dump-1/bank.sql", DIR + "/dump-1/manifest.json");
            String sql = object(bucket, DIR + "/dump-1/bank.sql");
            assertThat(sql).contains("CREATE TABLE").contains("INSERT INTO").contains("owner-9999");
            assertThat(object(bucket, DIR + "/dump-1/manifest.json")).contains("sha256");

            // native: cockroach's own backup files under the folder
            CliRun nativeBackup = cli(url, "backup", "bank", bucket, "-l", "native-1", "--mode", "native");
            assertThat(nativeBackup.exit()).as(nativeBackup.toString()).isZero();
            assertThat(keys(bucket, DIR + "/native-1/")).isNotEmpty();

            // wrong credentials: a clear line, nothing left behind
            CliRun wrong = CliRun.against(url, "backup", "bank", bucket, "-l", "wrong-1", "--mode", "dump",
                    "--endpoint", S3.endpoint(), "-k", S3ProxyExtension.ACCESS_KEY, "-s", WRONG_SECRET,
                    "--interval", "0.2");
            assertThat(wrong.exit()).as(wrong.toString()).isEqualTo(1);
            assertThat(wrong.out()).contains("backup ERROR").contains("S3 refused the credentials");
            assertThat(keys(bucket, DIR + "/wrong-1/")).isEmpty();

            for (String[] restore : List.of(new String[] {"dump-1", "dump"}, new String[] {"native-1", "native"})) {
                Sql.execute(pg, "DROP DATABASE bank CASCADE");
                CliRun run = cli(url, "restore", "bank", bucket, restore[0], "--mode", restore[1]);
                assertThat(run.exit()).as(run.toString()).isZero();
                assertThat(run.out()).contains("restore COMPLETE: restore-0:[restore]");
                assertThat(count(pg)).isEqualTo(ROWS);
                assertThat(checksum(pg)).as("checksum after restoring " + restore[0]).isEqualTo(checksum);
            }

            // a dump with one byte flipped: refused before the database is touched, even with --force
            byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
            bytes[bytes.length / 2] ^= 0x01;
            try (S3Client client = s3()) {
                client.putObject(b -> b.bucket(bucket).key(DIR + "/dump-1/bank.sql"), RequestBody.fromBytes(bytes));
            }
            CliRun corrupt = cli(url, "restore", "bank", bucket, "dump-1", "--mode", "dump", "--force");
            assertThat(corrupt.exit()).as(corrupt.toString()).isEqualTo(1);
            assertThat(corrupt.out()).contains("restore ERROR").contains("corrupt or truncated");
            assertThat(checksum(pg)).isEqualTo(checksum);

            String log = Files.readString(cluster.local().schedulerLog());
            assertThat(log).contains("backup-job").doesNotContain(S3ProxyExtension.SECRET_KEY)
                    .doesNotContain(S3ProxyExtension.encode(S3ProxyExtension.SECRET_KEY)).doesNotContain(WRONG_SECRET);
            assertThat(znodes(cluster.local().zkConnect())).isNotEmpty().noneMatch(data ->
                    data.contains(S3ProxyExtension.SECRET_KEY) || data.contains(WRONG_SECRET));
        }
    }

    private static CliRun cli(String url, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--endpoint", S3.endpoint(), "-k", S3ProxyExtension.ACCESS_KEY,
                "-s", S3ProxyExtension.SECRET_KEY, "--interval", "0.2"));
        return CliRun.against(url, argv.toArray(String[]::new));
    }

    /** {@value #ROWS} rows in bank.accounts, inserted 500 to a statement. */
    private static void load(String pg) throws Exception {
        Sql.execute(pg, "CREATE DATABASE bank");
        try (Connection c = Sql.connect(pg, "bank"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner STRING NOT NULL, balance INT NOT NULL)");
            for (int from = 0; from < ROWS; from += 500) {
                StringBuilder insert = new StringBuilder("INSERT INTO accounts (id, owner, balance) VALUES ");
                for (int id = from; id < from + 500; id++) {
                    insert.append(id == from ? "" : ", ").append('(').append(id).append(", 'owner-").append(id)
                            .append("', ").append((id * 7919L) % 100_000).append(')');
                }
                s.execute(insert.toString());
            }
        }
    }

    private static long count(String pg) throws Exception {
        try (Connection c = Sql.connect(pg, "bank"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM accounts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** SHA-256 over every row in key order. */
    private static String checksum(String pg) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Connection c = Sql.connect(pg, "bank"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, owner, balance FROM accounts ORDER BY id")) {
            while (rs.next()) {
                digest.update((rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static S3Client s3() {
        return S3.client();
    }

    private static List<String> keys(String bucket, String prefix) {
        try (S3Client client = s3()) {
            return client.listObjectsV2(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                    .toList();
        }
    }

    private static String object(String bucket, String key) {
        try (S3Client client = s3()) {
            return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
        }
    }

    /** Every znode's path and data, as text. */
    private static List<String> znodes(String connect) throws Exception {
        List<String> out = new ArrayList<>();
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(connect, new RetryOneTime(100))) {
            client.start();
            walk(client, "/", out);
        }
        return out;
    }

    private static void walk(CuratorFramework client, String path, List<String> out) throws Exception {
        byte[] data = client.getData().forPath(path);
        out.add(path + "=" + (data == null ? "" : new String(data, StandardCharsets.ISO_8859_1)));
        for (String child : client.getChildren().forPath(path)) {
            walk(client, path.equals("/") ? "/" + child : path + "/" + child, out);
        }
    }
}
