package org.cockroachdb.mesos.executor.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.standin.RunningNode;
import org.cockroachdb.mesos.executor.standin.StandinBinary;
import org.cockroachdb.mesos.executor.supervise.RecordingSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command jobs run as real child processes: the stand-in's cockroach against a real one-node cluster. */
class JobSupervisorTest {
    static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path cluster;
    static RunningNode node;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        node = RunningNode.start(cluster, "v23.1.11");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aCommandThatSucceedsFinishesWithItsLastStdoutLine() throws Exception {
        RecordingSink sink = new RecordingSink();
        JobSupervisor job = run(new JobSpec.CockroachCommand(node.binary().toString(),
                List.of("node", "status", "--insecure", "--host=" + node.address())), sink);

        assertThat(job.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(sink.states()).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
                TaskState.TASK_FINISHED);
        String finished = last(sink).getMessage();
        assertThat(finished).startsWith("1\t" + node.address()).hasSizeLessThanOrEqualTo(Job.SUMMARY_CHARS);
        assertThat(Files.readString(sandbox().resolve(JobContext.STDOUT_FILE))).contains(finished);
    }

    @Test
    void cockroachVersionFinishes() throws Exception {
        RecordingSink sink = new RecordingSink();
        JobSupervisor job = run(new JobSpec.CockroachCommand(node.binary().toString(), List.of("version")), sink);

        assertThat(job.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(last(sink).getMessage()).startsWith("Build Type:");
    }

    @Test
    void aFailingCommandFailsWithItsExitCodeAndStderrTail() throws Exception {
        RecordingSink sink = new RecordingSink();
        JobSupervisor job = run(new JobSpec.CockroachCommand(node.binary().toString(),
                List.of("node", "decommission", "9", "--insecure", "--host=" + node.address())), sink);

        assertThat(job.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        assertThat(last(sink).getMessage())
                .startsWith("cockroach node decommission exited with code 1: " + StandinBinary.STDERR_MARK)
                .contains("ERROR: node 9 does not exist")
                .doesNotContain("\n");
    }

    @Test
    void aKilledJobIsStoppedAndReportedKilled() throws Exception {
        RecordingSink sink = new RecordingSink();
        // one node cannot shed its replicas: the decommission waits forever
        JobSupervisor job = run(new JobSpec.CockroachCommand(node.binary().toString(),
                List.of("node", "decommission", "1", "--insecure", "--host=" + node.address())), sink);
        Path stdout = sandbox().resolve(JobContext.STDOUT_FILE);
        await().atMost(WAIT).until(() -> Files.isRegularFile(stdout) && Files.readString(stdout).contains("decommissioning"));
        List<ProcessHandle> children = decommissions();
        assertThat(children).isNotEmpty();

        job.kill(Duration.ofSeconds(20));

        assertThat(job.terminated().get(15, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_KILLED);
        assertThat(last(sink).getMessage()).startsWith("killed: cockroach node decommission exited with code 143");
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(sink.states()).doesNotContain(TaskState.TASK_FAILED, TaskState.TASK_KILLING);
    }

    @Test
    void theChildGetsTheTasksEnvironment() throws Exception {
        Path script = dir.resolve("print-env");
        Files.writeString(script, "#!/bin/sh\necho \"probe=$JOB_ENV_PROBE\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        RecordingSink sink = new RecordingSink();
        JobSupervisor job = new JobSupervisor(task(new JobSpec.CockroachCommand("../print-env", List.of()).toJson()),
                Files.createDirectories(sandbox()), sink, false, Map.of("JOB_ENV_PROBE", "from-the-task"));
        job.start();

        assertThat(job.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FINISHED);
        assertThat(last(sink).getMessage()).isEqualTo("probe=from-the-task");
    }

    @Test
    void anInvalidSpecFailsNamingTheField() throws Exception {
        RecordingSink sink = new RecordingSink();
        JobSupervisor job = new JobSupervisor(task("{\"job\":\"cockroach\",\"cockroachBinary\":\"c\",\"args\":[1]}"
                .getBytes(StandardCharsets.UTF_8)), Files.createDirectories(sandbox()), sink, false, Map.of());
        job.start();

        assertThat(job.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        assertThat(sink.sent).singleElement().satisfies(s -> assertThat(s.getMessage())
                .isEqualTo("invalid job spec: args must be a JSON array of strings, got 1"));
    }

    @Test
    void aMissingBinaryFailsNamingIt() throws Exception {
        RecordingSink sink = new RecordingSink();
        JobSupervisor job = run(new JobSpec.CockroachCommand("no/such/cockroach", List.of("version")), sink);

        assertThat(job.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        assertThat(last(sink).getMessage()).startsWith("cockroachBinary ").endsWith("no/such/cockroach is not an executable file");
    }

    @Test
    void anUnexpectedFailureQuotingTheSecretReachesTheStatusRedacted() throws Exception {
        String secret = "s3cr3t/Key+with=chars";
        RecordingSink sink = new RecordingSink();
        Job throwing = new Job() {
            @Override
            public String run(JobContext context) {
                throw new IllegalStateException("signing with " + secret + " failed");
            }

            @Override
            public String describe() {
                return "a job that throws";
            }
        };
        JobSupervisor job = new JobSupervisor(task(new JobSpec.CockroachCommand("c", List.of("version")).toJson()),
                Files.createDirectories(sandbox()), sink, false,
                Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", secret), spec -> throwing);
        job.start();

        assertThat(job.terminated().get(30, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        assertThat(last(sink).getMessage()).contains("IllegalStateException", "<redacted>")
                .doesNotContain(secret);
        assertThat(sink.sent).noneSatisfy(s -> assertThat(s.getMessage()).contains(secret));
    }

    private Path sandbox() {
        return dir.resolve("sandbox");
    }

    private JobSupervisor run(JobSpec spec, RecordingSink sink) throws Exception {
        JobSupervisor job = new JobSupervisor(task(spec.toJson()), Files.createDirectories(sandbox()), sink, false,
                Map.of());
        job.start();
        return job;
    }

    /** Stand-in {@code node decommission} clients started from this JVM. */
    private static List<ProcessHandle> decommissions() {
        return StandinBinary.withArgument(a -> a.equals("decommission")).stream()
                .filter(p -> ProcessHandle.current().descendants().anyMatch(d -> d.pid() == p.pid())).toList();
    }

    static TaskInfo task(byte[] data) {
        return TaskInfo.newBuilder().setName("job").setTaskId(TaskID.newBuilder().setValue("job-1"))
                .setAgentId(AgentID.newBuilder().setValue("agent-0")).setData(ByteString.copyFrom(data)).build();
    }

    static TaskStatus last(RecordingSink sink) {
        return sink.sent.get(sink.sent.size() - 1);
    }
}
