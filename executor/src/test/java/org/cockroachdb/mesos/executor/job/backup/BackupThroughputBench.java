package org.cockroachdb.mesos.executor.job.backup;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.job.JobSupervisor;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.executor.standin.RunningNode;
import org.cockroachdb.mesos.executor.supervise.RecordingSink;
import org.cockroachdb.mesos.testkit.s3.S3ProxyExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Dump-mode backup throughput against the raw upload speed of the same bytes to the same S3
 * server: what producing the dump and streaming it costs on top of the upload itself. A one-node
 * stand-in cluster of {@code -Drelease} (v20.2: {@code cockroach dump}; v23.1: the SQL snapshot)
 * holds {@code -Drows} rows of about 200 bytes; s3proxy checks signatures.
 *
 * <pre>mvn -B -q -Pbackup-throughput -pl executor -am verify -DskipTests -Dbench.rows=200000 -Dbench.release=v23.1.11</pre>
 */
public final class BackupThroughputBench {
    private static final String BUCKET = "bench";

    private BackupThroughputBench() {}

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 200_000);
        String release = System.getProperty("release", "v23.1.11");
        VersionFamily family = release.startsWith("v20.") ? VersionFamily.V20_2 : VersionFamily.V23_1;
        Path dir = Files.createTempDirectory("backup-bench");
        S3ProxyExtension s3 = new S3ProxyExtension();
        s3.beforeAll(null);
        try (RunningNode node = RunningNode.start(dir.resolve("node"), release); S3Client client = s3.client()) {
            s3.createBucket(BUCKET);
            load(node, rows);
            Map<String, String> credentials = Map.of("AWS_ACCESS_KEY_ID", S3ProxyExtension.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", S3ProxyExtension.SECRET_KEY);

            long start = System.nanoTime();
            JobSpec spec = new JobSpec.Backup(node.binary().toString(), node.address(), "bench", BUCKET, "dir", "run",
                    "us-east-1", Optional.of(s3.endpoint()), JobSpec.BackupMode.DUMP, family,
                    LaunchSpec.SecurityMode.INSECURE);
            TaskState state = runJob(spec, credentials, dir.resolve("sandbox"));
            Duration backup = Duration.ofNanos(System.nanoTime() - start);
            if (state != TaskState.TASK_FINISHED) {
                throw new IllegalStateException("the backup ended " + state);
            }
            byte[] dump = client.getObjectAsBytes(r -> r.bucket(BUCKET).key("dir/run/bench.sql")).asByteArray();

            start = System.nanoTime();
            try (S3UploadStream upload = new S3UploadStream(client, BUCKET, "raw/streamed.sql", S3UploadStream.PART_SIZE,
                    bytes -> { })) {
                upload.write(dump, 0, dump.length);
                upload.complete();
            }
            Duration streamed = Duration.ofNanos(System.nanoTime() - start);

            start = System.nanoTime();
            client.putObject(r -> r.bucket(BUCKET).key("raw/put.sql"), RequestBody.fromBytes(dump));
            Duration put = Duration.ofNanos(System.nanoTime() - start);

            double mib = dump.length / (1024.0 * 1024.0);
            System.out.printf("%s, %,d rows, dump of %.1f MiB%n", release, rows, mib);
            System.out.printf("backup job (dump + multipart upload + manifest): %6.2f s  %6.1f MiB/s%n",
                    seconds(backup), mib / seconds(backup));
            System.out.printf("same bytes, same multipart writer, from memory:  %6.2f s  %6.1f MiB/s%n",
                    seconds(streamed), mib / seconds(streamed));
            System.out.printf("same bytes, one plain PUT:                       %6.2f s  %6.1f MiB/s%n",
                    seconds(put), mib / seconds(put));
        } finally {
            s3.afterAll(null);
        }
    }

    private static TaskState runJob(JobSpec spec, Map<String, String> environment, Path sandbox) throws Exception {
        TaskInfo task = TaskInfo.newBuilder().setName("bench").setTaskId(TaskID.newBuilder().setValue("bench"))
                .setAgentId(AgentID.newBuilder().setValue("agent-0")).setData(ByteString.copyFrom(spec.toJson())).build();
        JobSupervisor job = new JobSupervisor(task, Files.createDirectories(sandbox), new RecordingSink(), false, environment);
        job.start();
        return job.terminated().get(30, TimeUnit.MINUTES);
    }

    /** {@code rows} rows of about 200 bytes each, in batches of 1,000. */
    private static void load(RunningNode node, int rows) throws Exception {
        try (Connection c = node.connect("defaultdb")) {
            c.createStatement().execute("CREATE DATABASE bench");
        }
        try (Connection c = node.connect("bench")) {
            c.createStatement().execute("CREATE TABLE events (id INT PRIMARY KEY, kind STRING, payload STRING)");
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?)");
            String payload = "x".repeat(180);
            for (int i = 0; i < rows; i++) {
                insert.setInt(1, i);
                insert.setString(2, "kind-" + (i % 13));
                insert.setString(3, payload);
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                    c.commit();
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
