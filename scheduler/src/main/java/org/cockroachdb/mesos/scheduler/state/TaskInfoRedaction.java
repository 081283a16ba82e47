package org.cockroachdb.mesos.scheduler.state;

import java.util.function.UnaryOperator;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Strips secrets from a serialized {@link TaskInfo} before it is stored: the values of environment
 * variables and labels whose names look secret (task, command and executor), and every inline
 * secret value. Names stay, so a reader can see that something was there. A relaunch rebuilds the
 * TaskInfo from the target config and the secret source, never from what is stored.
 */
public final class TaskInfoRedaction implements UnaryOperator<ByteString> {

    public static final String REDACTED = "[redacted]";

    private final SecretNames secretNames;

    public TaskInfoRedaction(SecretNames secretNames) {
        this.secretNames = secretNames;
    }

    @Override
    public ByteString apply(ByteString taskInfo) {
        try {
            return redact(TaskInfo.parseFrom(taskInfo)).toByteString();
        } catch (InvalidProtocolBufferException e) {
            // Storing bytes we cannot inspect could store a secret; refuse instead.
            throw new IllegalArgumentException("not a serialized TaskInfo", e);
        }
    }

    public TaskInfo redact(TaskInfo task) {
        TaskInfo.Builder builder = task.toBuilder();
        if (task.hasCommand()) {
            builder.setCommand(redact(task.getCommand()));
        }
        if (task.hasExecutor()) {
            builder.setExecutor(redact(task.getExecutor()));
        }
        if (task.hasLabels()) {
            builder.setLabels(redact(task.getLabels()));
        }
        return builder.build();
    }

    private ExecutorInfo redact(ExecutorInfo executor) {
        ExecutorInfo.Builder builder = executor.toBuilder();
        if (executor.hasCommand()) {
            builder.setCommand(redact(executor.getCommand()));
        }
        if (executor.hasLabels()) {
            builder.setLabels(redact(executor.getLabels()));
        }
        return builder.build();
    }

    private CommandInfo redact(CommandInfo command) {
        if (!command.hasEnvironment()) {
            return command;
        }
        Environment.Builder environment = Environment.newBuilder();
        for (Environment.Variable variable : command.getEnvironment().getVariablesList()) {
            environment.addVariables(redact(variable));
        }
        return command.toBuilder().setEnvironment(environment).build();
    }

    private Environment.Variable redact(Environment.Variable variable) {
        Environment.Variable.Builder builder = variable.toBuilder();
        if (secretNames.matches(variable.getName()) && variable.hasValue()) {
            builder.setValue(REDACTED);
        }
        // A secret given by value carries the secret itself; a reference names it and may stay.
        if (variable.hasSecret() && variable.getSecret().hasValue()) {
            builder.setSecret(variable.getSecret().toBuilder().clearValue());
        }
        return builder.build();
    }

    private Labels redact(Labels labels) {
        Labels.Builder builder = Labels.newBuilder();
        for (Label label : labels.getLabelsList()) {
            builder.addLabels(secretNames.matches(label.getKey()) && label.hasValue()
                    ? label.toBuilder().setValue(REDACTED).build()
                    : label);
        }
        return builder.build();
    }
}
