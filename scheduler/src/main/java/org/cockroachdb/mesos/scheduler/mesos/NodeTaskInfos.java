package org.cockroachdb.mesos.scheduler.mesos;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.offer.AgentAttributes;
import org.cockroachdb.mesos.scheduler.offer.Evaluation;
import org.cockroachdb.mesos.scheduler.offer.PodFootprint;

/**
 * The TaskInfo of a node task and what we read back from a stored one. The labels carry what the
 * scheduler must know after a restart: the target revision the task was launched for and the
 * agent's hostname (for the join list and the endpoints).
 */
public final class NodeTaskInfos {

    public static final String REVISION_LABEL = "target_configuration";
    public static final String HOSTNAME_LABEL = "offer_hostname";
    /** In the executor's environment: the cockroach release its tasks run, e.g. {@code v23.1.11}. */
    public static final String COCKROACH_VERSION_ENV = "COCKROACH_VERSION";
    /** One label per agent attribute, so placement rules on attributes hold across restarts. */
    public static final String ATTRIBUTE_LABEL_PREFIX = "offer_attribute:";
    /** cockroach drains on SIGTERM; give it the time a production drain needs. */
    static final long KILL_GRACE_SECONDS = 300;
    /** What the agent runs when the package's executor and JRE were fetched into the sandbox. */
    static final String DEFAULT_EXECUTOR_COMMAND = "exec \"$(ls -d \"$MESOS_SANDBOX\"/jre*/ | head -n 1)bin/java\""
            + " -Xmx64m -XX:+UseSerialGC -jar \"$MESOS_SANDBOX/executor.jar\"";

    private NodeTaskInfos() {
    }

    public static TaskInfo build(ServiceConfig config, String frameworkId, long revision, int podIndex,
            Evaluation.Match match, LaunchSpec spec, String uniqueId) {
        String taskName = NodePods.taskName(podIndex);
        String prefix = config.serviceName().escaped();
        ExecutorInfo executor = ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue(prefix + "__" + NodePods.podName(podIndex) + "__" + uniqueId))
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                .setName("cockroachdb executor for " + NodePods.podName(podIndex))
                .setCommand(executorCommand(config))
                // the agent's default (5 s) would cut cockroach's drain short on SHUTDOWN
                .setShutdownGracePeriod(DurationInfo.newBuilder()
                        .setNanoseconds(TimeUnit.SECONDS.toNanos(KILL_GRACE_SECONDS + 10)))
                .addAllResources(match.executorResources())
                .build();
        Labels.Builder labels = Labels.newBuilder()
                .addLabels(label(REVISION_LABEL, Long.toString(revision)))
                .addLabels(label(HOSTNAME_LABEL, match.offer().getHostname()));
        new TreeMap<>(AgentAttributes.of(match.offer()))
                .forEach((name, value) -> labels.addLabels(label(ATTRIBUTE_LABEL_PREFIX + name, value)));
        return TaskInfo.newBuilder()
                .setName(taskName)
                .setTaskId(TaskID.newBuilder().setValue(prefix + "__" + taskName + "__" + uniqueId))
                .setAgentId(match.offer().getAgentId())
                .addAllResources(match.taskResources())
                .setExecutor(executor)
                .setData(ByteString.copyFrom(spec.toJson()))
                .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder()
                        .setNanoseconds(TimeUnit.SECONDS.toNanos(KILL_GRACE_SECONDS))))
                .setLabels(labels)
                .build();
    }

    static CommandInfo executorCommand(ServiceConfig config) {
        CommandInfo.Builder command = CommandInfo.newBuilder().setShell(true)
                .setValue(config.executorCommand().orElse(DEFAULT_EXECUTOR_COMMAND));
        config.javaUri().ifPresent(uri -> command.addUris(uri(uri, true, Optional.empty())));
        config.executorUri().ifPresent(uri -> command.addUris(uri(uri, false, Optional.of("executor.jar"))));
        config.cockroachUri().ifPresent(uri -> command.addUris(uri(uri, true, Optional.empty())));
        // The release the executor's cockroach must be (the launch spec says so too): a binary that
        // serves several releases, such as local mode's wrapper, runs the one asked for.
        command.setEnvironment(Environment.newBuilder().addVariables(Environment.Variable.newBuilder()
                .setName(COCKROACH_VERSION_ENV).setValue(config.cockroachVersion().toString())));
        return command.build();
    }

    private static CommandInfo.URI uri(URI value, boolean extract, Optional<String> outputFile) {
        CommandInfo.URI.Builder b = CommandInfo.URI.newBuilder().setValue(value.toString()).setExtract(extract)
                .setCache(false);
        outputFile.ifPresent(b::setOutputFile);
        return b.build();
    }

    private static Label label(String key, String value) {
        return Label.newBuilder().setKey(key).setValue(value).build();
    }

    public static TaskInfo parse(ByteString stored) {
        try {
            return TaskInfo.parseFrom(stored);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored TaskInfo cannot be read: " + e.getMessage(), e);
        }
    }

    public static Optional<String> label(TaskInfo task, String key) {
        return task.getLabels().getLabelsList().stream().filter(l -> l.getKey().equals(key))
                .map(Label::getValue).findFirst();
    }

    public static long revision(TaskInfo task) {
        return label(task, REVISION_LABEL).map(Long::parseLong).orElse(0L);
    }

    public static String hostname(TaskInfo task) {
        return label(task, HOSTNAME_LABEL).orElse("");
    }

    /** The agent attributes the task was placed by. */
    public static Map<String, String> attributes(TaskInfo task) {
        Map<String, String> attributes = new TreeMap<>();
        for (Label l : task.getLabels().getLabelsList()) {
            if (l.getKey().startsWith(ATTRIBUTE_LABEL_PREFIX)) {
                attributes.put(l.getKey().substring(ATTRIBUTE_LABEL_PREFIX.length()), l.getValue());
            }
        }
        return attributes;
    }

    /** The reservations and volume a stored task launched with: where a relaunch in place goes. */
    public static PodFootprint footprint(TaskInfo task) {
        return new PodFootprint(task.getAgentId().getValue(), task.getResourcesList(),
                task.getExecutor().getResourcesList());
    }
}
