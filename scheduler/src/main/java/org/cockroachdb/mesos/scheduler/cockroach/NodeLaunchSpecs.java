package org.cockroachdb.mesos.scheduler.cockroach;

import java.time.Duration;
import java.util.List;

import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;

/** The executor's launch spec for a node: the whole cockroach command line is decided here. */
public final class NodeLaunchSpecs {

    /** The persistent volume's path inside the sandbox, as in the original package. */
    public static final String VOLUME_PATH = "cockroach-data";
    /** The checks' timing: readiness is polled often so a deploy step completes promptly. */
    static final LaunchSpec.Checks CHECKS = new LaunchSpec.Checks(Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 3, Duration.ofSeconds(10));

    private NodeLaunchSpecs() {
    }

    /**
     * @param initCluster whether this node's executor runs `cockroach init` once it answers; only
     *        pod 0, and only while the cluster is not recorded as initialized
     */
    public static LaunchSpec of(ServiceConfig config, int podIndex, String agentHostname, List<String> join,
            boolean initCluster) {
        long memBytes = config.nodeMemBytes();
        return new LaunchSpec(
                binary(config),
                config.cockroachVersion().toString(),
                VOLUME_PATH,
                NodeAddresses.listenHost(config, agentHostname),
                NodeAddresses.advertiseHost(config, podIndex, agentHostname),
                config.pgPort(),
                config.httpPort(),
                join,
                config.cacheBytes(memBytes),
                config.sqlMemoryBytes(memBytes),
                LaunchSpec.SecurityMode.INSECURE,
                initCluster,
                CHECKS);
    }

    /** COCKROACH_BINARY, else the binary inside the release tarball the agent fetched and extracted. */
    static String binary(ServiceConfig config) {
        return config.cockroachBinary()
                .orElse("cockroach-" + config.cockroachVersion() + ".linux-amd64/cockroach");
    }
}
