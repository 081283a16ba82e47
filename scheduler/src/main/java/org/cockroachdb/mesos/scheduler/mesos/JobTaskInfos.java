package org.cockroachdb.mesos.scheduler.mesos;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.protobuf.ByteString;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;

/**
 * The TaskInfo of a one-shot job: a {@link JobSpec} in its data, run by our executor (a new one per
 * job, so a job never shares a node's executor), on unreserved resources. Jobs are named after what
 * they do, e.g. {@code decommission-node-5}, which never clashes with a node task's name.
 */
public final class JobTaskInfos {

    /** The backup and restore jobs: one of each at most, so a fixed name each. */
    public static final String BACKUP_JOB = "backup-job";
    public static final String RESTORE_JOB = "restore-job";
    private static final Set<String> BACKUP_OR_RESTORE = Set.of(BACKUP_JOB, RESTORE_JOB);
    private static final String DECOMMISSION_PREFIX = "decommission-node-";
    private static final Pattern DECOMMISSION = Pattern.compile("decommission-node-(\\d{1,10})");

    /** The jobs of a major upgrade: one at a time, each under its own fixed name. */
    public static final String PRESERVE_DOWNGRADE_JOB = "preserve-downgrade";
    public static final String RESET_PRESERVE_DOWNGRADE_JOB = "finalize-upgrade";
    public static final String SHOW_VERSION_JOB = "verify-version";
    private static final List<String> UPGRADE_JOBS = List.of(PRESERVE_DOWNGRADE_JOB, RESET_PRESERVE_DOWNGRADE_JOB,
            SHOW_VERSION_JOB);

    private JobTaskInfos() {
    }

    public static boolean isUpgradeJob(String taskName) {
        return UPGRADE_JOBS.contains(taskName);
    }

    /** The job that decommissions cockroach node {@code nodeId}: one per node id, so retries reuse the name. */
    public static String decommissionJobName(String nodeId) {
        return DECOMMISSION_PREFIX + nodeId;
    }

    /** The node id a decommission job's name is about; empty for any other name. */
    public static Optional<String> decommissionedNodeId(String taskName) {
        Matcher m = DECOMMISSION.matcher(taskName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public static boolean isJob(String taskName) {
        return decommissionedNodeId(taskName).isPresent() || isBackupOrRestore(taskName) || isUpgradeJob(taskName);
    }

    public static boolean isBackupOrRestore(String taskName) {
        return BACKUP_OR_RESTORE.contains(taskName);
    }

    public static TaskInfo build(ServiceConfig config, String frameworkId, String jobName, AgentID agent,
            List<Resource> taskResources, List<Resource> executorResources, JobSpec spec, String uniqueId) {
        return build(config, frameworkId, jobName, agent, taskResources, executorResources, spec, Map.of(), uniqueId);
    }

    /**
     * @param environment added to the executor's environment, which is where a job reads its
     *                    credentials; the stored copy of the TaskInfo has secret values redacted
     */
    public static TaskInfo build(ServiceConfig config, String frameworkId, String jobName, AgentID agent,
            List<Resource> taskResources, List<Resource> executorResources, JobSpec spec,
            Map<String, String> environment, String uniqueId) {
        CommandInfo.Builder command = NodeTaskInfos.executorCommand(config).toBuilder();
        if (!environment.isEmpty()) {
            Environment.Builder env = command.getEnvironment().toBuilder();
            environment.forEach((name, value) -> env.addVariables(Environment.Variable.newBuilder()
                    .setName(name).setType(Environment.Variable.Type.VALUE).setValue(value)));
            command.setEnvironment(env);
        }
        String prefix = config.serviceName().escaped();
        ExecutorInfo executor = ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue(prefix + "__" + jobName + "__" + uniqueId))
                .setFrameworkId(FrameworkID.newBuilder().setValue(frameworkId))
                .setName("cockroachdb executor for job " + jobName)
                .setCommand(command)
                .addAllResources(executorResources)
                .build();
        return TaskInfo.newBuilder()
                .setName(jobName)
                .setTaskId(TaskID.newBuilder().setValue(prefix + "__" + jobName + "__" + uniqueId))
                .setAgentId(agent)
                .addAllResources(taskResources)
                .setExecutor(executor)
                .setData(ByteString.copyFrom(spec.toJson()))
                .build();
    }
}
