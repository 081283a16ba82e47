package org.cockroachdb.mesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.google.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Secret;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;

class TaskInfoRedactionTest {

    private final TaskInfoRedaction redaction = new TaskInfoRedaction(SecretNames.DEFAULT);

    @Test
    void secretValuesGoNamesAndEverythingElseStay() throws Exception {
        TaskInfo task = TaskInfo.newBuilder()
                .setName("node-join")
                .setTaskId(TaskID.newBuilder().setValue("t"))
                .setAgentId(AgentID.newBuilder().setValue("a"))
                .setExecutor(ExecutorInfo.newBuilder()
                        .setExecutorId(ExecutorID.newBuilder().setValue("e"))
                        .setCommand(command(variable("AWS_ACCESS_KEY_ID", "AKIA-secret"), variable("JAVA_HOME", "/jre")))
                        .setLabels(labels("backup_password", "hunter2")))
                .setLabels(labels("owner", "team-db"))
                .build();

        TaskInfo redacted = TaskInfo.parseFrom(redaction.apply(task.toByteString()));

        assertThat(redacted.getExecutor().getCommand().getEnvironment().getVariables(0).getValue())
                .isEqualTo(TaskInfoRedaction.REDACTED);
        assertThat(redacted.getExecutor().getCommand().getEnvironment().getVariables(1).getValue()).isEqualTo("/jre");
        assertThat(redacted.getExecutor().getLabels().getLabels(0).getValue()).isEqualTo(TaskInfoRedaction.REDACTED);
        assertThat(redacted.getLabels()).isEqualTo(task.getLabels());
        assertThat(redacted.toByteString().toStringUtf8()).doesNotContain("AKIA-secret", "hunter2");
    }

    @Test
    void inlineSecretValuesGoWhateverTheVariableIsCalled() {
        Environment.Variable inline = Environment.Variable.newBuilder()
                .setName("INNOCENT")
                .setType(Environment.Variable.Type.SECRET)
                .setSecret(Secret.newBuilder().setType(Secret.Type.VALUE)
                        .setValue(Secret.Value.newBuilder().setData(ByteString.copyFromUtf8("inline-secret"))))
                .build();
        TaskInfo task = TaskInfo.newBuilder()
                .setName("n").setTaskId(TaskID.newBuilder().setValue("t")).setAgentId(AgentID.newBuilder().setValue("a"))
                .setCommand(command(inline))
                .build();

        assertThat(redaction.apply(task.toByteString()).toStringUtf8()).doesNotContain("inline-secret");
    }

    @Test
    void bytesThatAreNotATaskInfoAreRefused() {
        assertThatThrownBy(() -> redaction.apply(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CommandInfo command(Environment.Variable... variables) {
        return CommandInfo.newBuilder().setValue("run")
                .setEnvironment(Environment.newBuilder().addAllVariables(List.of(variables))).build();
    }

    private static Environment.Variable variable(String name, String value) {
        return Environment.Variable.newBuilder().setName(name).setValue(value).build();
    }

    private static Labels labels(String key, String value) {
        return Labels.newBuilder().addLabels(Label.newBuilder().setKey(key).setValue(value)).build();
    }
}
