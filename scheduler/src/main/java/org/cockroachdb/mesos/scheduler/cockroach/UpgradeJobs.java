package org.cockroachdb.mesos.scheduler.cockroach;

import java.util.List;

import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.config.ReleaseSeries;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;

/**
 * The {@code cockroach sql} statements a major upgrade runs as jobs, each against one live node.
 * Every one is safe to run again: setting the option to the same version, resetting it twice and
 * reading the version change nothing more.
 */
public final class UpgradeJobs {

    public static final String PRESERVE_DOWNGRADE = "cluster.preserve_downgrade_option";

    private UpgradeJobs() {
    }

    /** Keeps the cluster at {@code current} while nodes run the next major, so they can still go back. */
    public static JobSpec preserveDowngrade(ServiceConfig config, ReleaseSeries current, int hostPodIndex,
            String hostAgentName) {
        return sql(config, hostPodIndex, hostAgentName,
                "SET CLUSTER SETTING " + PRESERVE_DOWNGRADE + " = '" + current.clusterVersion() + "'");
    }

    /** Lets cockroach finalize the upgrade (it runs its migrations, then reports the new version). */
    public static JobSpec resetPreserveDowngrade(ServiceConfig config, int hostPodIndex, String hostAgentName) {
        return sql(config, hostPodIndex, hostAgentName, "RESET CLUSTER SETTING " + PRESERVE_DOWNGRADE);
    }

    /** Prints the cluster version as its last output line (tab-separated output: a header, then the value). */
    public static JobSpec showVersion(ServiceConfig config, int hostPodIndex, String hostAgentName) {
        return sql(config, hostPodIndex, hostAgentName, "SHOW CLUSTER SETTING version");
    }

    private static JobSpec sql(ServiceConfig config, int hostPodIndex, String hostAgentName, String statement) {
        String host = NodeAddresses.advertiseHost(config, hostPodIndex, hostAgentName) + ":" + config.pgPort();
        return new JobSpec.CockroachCommand(NodeLaunchSpecs.binary(config),
                List.of("sql", "--insecure", "--host=" + host, "--format=tsv", "-e", statement));
    }
}
