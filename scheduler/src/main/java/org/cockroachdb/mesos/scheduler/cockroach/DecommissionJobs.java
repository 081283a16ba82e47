package org.cockroachdb.mesos.scheduler.cockroach;

import java.util.List;

import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;

/**
 * The {@code cockroach node decommission} a job runs. Blocking ({@code --wait=all}, the default): it
 * returns once the node holds no replicas and is marked decommissioned, so the job's TASK_FINISHED
 * is the proof the scheduler waits for. Running it again on a decommissioned node succeeds at once.
 */
public final class DecommissionJobs {

    private DecommissionJobs() {
    }

    /**
     * @param hostPodIndex  a live node to ask (not the one being removed, when another is live)
     * @param hostAgentName that node's agent hostname
     */
    public static JobSpec decommission(ServiceConfig config, String nodeId, int hostPodIndex, String hostAgentName) {
        String host = NodeAddresses.advertiseHost(config, hostPodIndex, hostAgentName) + ":" + config.pgPort();
        return new JobSpec.CockroachCommand(NodeLaunchSpecs.binary(config),
                List.of("node", "decommission", nodeId, "--insecure", "--host=" + host));
    }
}
