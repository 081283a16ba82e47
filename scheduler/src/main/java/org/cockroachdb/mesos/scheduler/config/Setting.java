package org.cockroachdb.mesos.scheduler.config;

import java.util.function.Function;

/**
 * The scheduler's environment variables (the original DC/OS package's names), each with where its
 * value lives in a {@link ServiceConfig} and whether changing it must relaunch the nodes.
 */
public enum Setting {
    FRAMEWORK_NAME(ServiceConfig::serviceName, false),
    FRAMEWORK_USER(ServiceConfig::user, false),
    FRAMEWORK_PRINCIPAL(ServiceConfig::principal, false),
    /** A count change adds or decommissions pods; the others are left alone. */
    NODE_COUNT(ServiceConfig::nodeCount, false),
    NODE_CPUS(ServiceConfig::nodeCpus, true),
    NODE_MEM(ServiceConfig::nodeMemMib, true),
    NODE_DISK(ServiceConfig::nodeDiskMib, true),
    NODE_DISK_TYPE(ServiceConfig::nodeDiskType, true),
    /**
     * Placement rolls through the update plan like the node settings (the day-2 issue lists it
     * among them), so every pod is re-checked against the new rules one at a time.
     */
    NODE_PLACEMENT(ServiceConfig::nodePlacement, true),
    COCKROACH_VERSION(ServiceConfig::cockroachVersion, true),
    COCKROACH_URI(ServiceConfig::cockroachUri, true),
    COCKROACH_CACHE_SIZE(ServiceConfig::cacheSize, true),
    COCKROACH_MAX_SQL_MEMORY(ServiceConfig::maxSqlMemory, true),
    COCKROACH_PG_PORT(ServiceConfig::pgPort, true),
    COCKROACH_HTTP_PORT(ServiceConfig::httpPort, true),
    EXECUTOR_URI(ServiceConfig::executorUri, true),
    JAVA_URI(ServiceConfig::javaUri, true),
    PORT_API(ServiceConfig::apiPort, false),
    MESOS_MASTER(ServiceConfig::mesosMaster, false),
    ZOOKEEPER(ServiceConfig::zookeeper, false),
    FAILOVER_TIMEOUT_SECONDS(ServiceConfig::failoverTimeout, false),
    AUTO_FINALIZE_UPGRADE(ServiceConfig::autoFinalizeUpgrade, false),
    REPLACE_AFTER_SECONDS(ServiceConfig::replaceAfter, false),
    /** How nodes are addressed: DC/OS DNS names, or their agent's address off DC/OS (local mode). */
    NODE_ADDRESSING(ServiceConfig::nodeAddressing, true),
    /** The shell command an agent runs to start our executor; by default the one the package ships. */
    EXECUTOR_COMMAND(ServiceConfig::executorCommand, true),
    /** Where the cockroach binary is on the agents; by default inside the fetched COCKROACH_URI tarball. */
    COCKROACH_BINARY(ServiceConfig::cockroachBinary, true),
    /** How long the cluster must stay healthy before a rolling update takes the next node down. */
    HEALTH_GATE_SETTLE_SECONDS(ServiceConfig::gateSettle, false);

    private final Function<ServiceConfig, Object> value;
    private final boolean relaunchesNodes;

    Setting(Function<ServiceConfig, Object> value, boolean relaunchesNodes) {
        this.value = value;
        this.relaunchesNodes = relaunchesNodes;
    }

    /** This setting's value in a config, for comparing two configs. */
    public Object valueIn(ServiceConfig config) {
        return value.apply(config);
    }

    /** Whether a change must roll through the running nodes (each relaunched on its reservations). */
    public boolean relaunchesNodes() {
        return relaunchesNodes;
    }
}
