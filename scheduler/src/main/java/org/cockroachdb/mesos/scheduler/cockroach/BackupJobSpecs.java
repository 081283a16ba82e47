package org.cockroachdb.mesos.scheduler.cockroach;

import org.cockroachdb.mesos.executor.cockroach.CockroachVersion;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.plan.BackupRequest;

/**
 * The job spec of a backup or restore: which node to talk to, the target version's family, and
 * where the backup lives. The credentials are not in it (the spec is stored in ZooKeeper); they go
 * to the job task's environment.
 */
public final class BackupJobSpecs {

    private BackupJobSpecs() {
    }

    /**
     * @param hostPodIndex  a live node, the one on the agent the job runs on
     * @param hostAgentName that node's agent hostname
     */
    public static JobSpec of(ServiceConfig config, BackupRequest request, int hostPodIndex, String hostAgentName) {
        String host = NodeAddresses.advertiseHost(config, hostPodIndex, hostAgentName) + ":" + config.pgPort();
        String binary = NodeLaunchSpecs.binary(config);
        VersionFamily family = family(config);
        return switch (request.kind()) {
            case BACKUP -> new JobSpec.Backup(binary, host, request.database(), request.bucket(), request.s3Dir(),
                    request.backupDir(), request.region(), request.endpoint(), request.mode(), family,
                    LaunchSpec.SecurityMode.INSECURE);
            case RESTORE -> new JobSpec.Restore(binary, host, request.database(), request.bucket(), request.s3Dir(),
                    request.backupDir(), request.region(), request.endpoint(), request.mode(), family,
                    LaunchSpec.SecurityMode.INSECURE, request.force());
        };
    }

    /** The target version's family, as the executor tells releases apart. */
    static VersionFamily family(ServiceConfig config) {
        var v = config.cockroachVersion();
        return VersionFamily.of(new CockroachVersion(v.major(), v.minor(), v.patch(), v.toString()))
                .orElseThrow(() -> new IllegalStateException("no version family for " + v));
    }
}
