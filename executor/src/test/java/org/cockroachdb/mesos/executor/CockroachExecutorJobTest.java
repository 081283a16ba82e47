package org.cockroachdb.mesos.executor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.standin.StandinBinary;
import org.cockroachdb.mesos.executor.supervise.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LAUNCH whose data is a job spec runs the job, not a node, and the executor ends with it. */
class CockroachExecutorJobTest {
    @TempDir
    Path dir;

    @Test
    void aJobSpecLaunchesAJob() throws Exception {
        Path binary = StandinBinary.write(dir.resolve("bin"), "v20.2.4", dir.resolve("home"));
        Path sandbox = Files.createDirectories(dir.resolve("sandbox"));
        RecordingSink sink = new RecordingSink();
        CockroachExecutor executor = new CockroachExecutor(sandbox, Duration.ofSeconds(10), sink, () -> false, Map.of());
        TaskInfo task = TaskInfo.newBuilder().setName("version").setTaskId(TaskID.newBuilder().setValue("job-version"))
                .setAgentId(AgentID.newBuilder().setValue("agent-0"))
                .setData(ByteString.copyFrom(new JobSpec.CockroachCommand(binary.toString(), List.of("version")).toJson()))
                .build();

        executor.received(Event.newBuilder().setType(Event.Type.LAUNCH)
                .setLaunch(Event.Launch.newBuilder().setTask(task)).build());

        executor.finished().get(30, TimeUnit.SECONDS);
        assertThat(sink.states()).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
                TaskState.TASK_FINISHED);
        TaskStatus finished = sink.sent.get(2);
        assertThat(finished.getTaskId().getValue()).isEqualTo("job-version");
        assertThat(finished.getMessage()).startsWith("Build Type:");
        assertThat(Files.readString(sandbox.resolve("job.stdout"))).contains("Build Tag:        v20.2.4");
    }
}
