package org.cockroachdb.mesos.executor.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.executor.supervise.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's own rules for progress: throttled, labelled, the latest one kept, none after the end. */
class JobProgressTest {
    @TempDir
    Path sandbox;

    @Test
    void progressGoesOutAtMostEveryTwoSecondsWithTheLatestPhaseAndBytes() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job job = new Job() {
            @Override
            public String run(JobContext context) throws InterruptedException {
                for (int i = 1; i <= 50; i++) {
                    context.progress("dumping", i * 1000L);
                }
                context.progress("uploading", 777);
                reported.countDown();
                release.await(30, TimeUnit.SECONDS);
                return "done";
            }

            @Override
            public String describe() {
                return "test job";
            }
        };
        RecordingSink sink = new RecordingSink();
        JobSupervisor supervisor = new JobSupervisor(task(), sandbox, sink, false, Map.of(), spec -> job);
        long started = System.nanoTime();
        supervisor.start();
        assertThat(reported.await(30, TimeUnit.SECONDS)).isTrue();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> sink.first(RecordingSink.label(StatusLabels.PHASE, "uploading")).isPresent());
        release.countDown();

        assertThat(supervisor.terminated().get(10, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FINISHED);
        List<TaskStatus> progress = sink.sent.stream().filter(s -> s.getLabels().getLabelsCount() > 0).toList();
        // everything came within the first two seconds: one update, the latest, once they were over
        assertThat(progress).singleElement().satisfies(s -> {
            assertThat(s.getState()).isEqualTo(TaskState.TASK_RUNNING);
            assertThat(s.getMessage()).isEqualTo("phase=uploading bytes=777");
            assertThat(RecordingSink.labelOf(s, StatusLabels.BYTES)).contains("777");
        });
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(ProgressThrottle.MIN_INTERVAL.toNanos());
        assertThat(sink.states()).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
                TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
    }

    @Test
    void theThrottleHoldsAnUpdateUntilTwoSecondsAfterTheLast() {
        ProgressThrottle t = ProgressThrottle.sentAt(1_000);
        assertThat(t.waitNanos(1_000)).isEqualTo(ProgressThrottle.MIN_INTERVAL.toNanos());
        assertThat(t.waitNanos(1_000 + ProgressThrottle.MIN_INTERVAL.toNanos())).isZero();
        assertThat(t.waitNanos(1_000 + 3 * ProgressThrottle.MIN_INTERVAL.toNanos())).isZero();
    }

    @Test
    void nativeBackupOnV2_1FailsSayingWhatToUseInstead() throws Exception {
        JobSpec.Backup spec = new JobSpec.Backup("cockroach", "127.0.0.1:1", "bank", "backups", "", "b1", "us-east-1",
                Optional.empty(), JobSpec.BackupMode.NATIVE, VersionFamily.V2_1, LaunchSpec.SecurityMode.INSECURE);
        RecordingSink sink = new RecordingSink();
        JobSupervisor supervisor = new JobSupervisor(task(spec.toJson()), sandbox, sink, false,
                Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
        supervisor.start();

        assertThat(supervisor.terminated().get(10, TimeUnit.SECONDS)).isEqualTo(TaskState.TASK_FAILED);
        assertThat(sink.sent.get(sink.sent.size() - 1).getMessage())
                .isEqualTo("native backup needs v20.2 or later; use --mode dump");
    }

    private static TaskInfo task() {
        return task(new JobSpec.CockroachCommand("c", List.of()).toJson());
    }

    private static TaskInfo task(byte[] data) {
        return TaskInfo.newBuilder().setName("job").setTaskId(TaskID.newBuilder().setValue("job-1"))
                .setAgentId(AgentID.newBuilder().setValue("agent-0")).setData(ByteString.copyFrom(data)).build();
    }
}
