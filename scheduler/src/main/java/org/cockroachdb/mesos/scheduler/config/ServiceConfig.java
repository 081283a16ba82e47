package org.cockroachdb.mesos.scheduler.config;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The service as the operator declared it in the scheduler's environment. Immutable; built only by
 * {@link #parse}, which checks every variable and reports every problem at once. Sizes are MiB, as in
 * the package options. {@code apiPort} 0 means "any free port" (Marathon passes PORT_API when it
 * assigns one).
 */
public record ServiceConfig(
        ServiceName serviceName,
        String user,
        String principal,
        int nodeCount,
        double nodeCpus,
        long nodeMemMib,
        long nodeDiskMib,
        DiskType nodeDiskType,
        List<PlacementRule> nodePlacement,
        CockroachVersion cockroachVersion,
        Optional<URI> cockroachUri,
        MemoryShare cacheSize,
        MemoryShare maxSqlMemory,
        int pgPort,
        int httpPort,
        Optional<URI> executorUri,
        Optional<URI> javaUri,
        int apiPort,
        MesosMaster mesosMaster,
        ZooKeeperEnsemble zookeeper,
        Duration failoverTimeout,
        boolean autoFinalizeUpgrade,
        Duration replaceAfter,
        NodeAddressing nodeAddressing,
        Optional<String> executorCommand,
        Optional<String> cockroachBinary,
        Duration gateSettle) {

    public static final String DEFAULT_NAME = "cockroachdb";
    public static final String DEFAULT_USER = "nobody";
    public static final int DEFAULT_NODE_COUNT = 3;
    public static final CockroachVersion DEFAULT_VERSION = new CockroachVersion(23, 1, 11);
    public static final String DEFAULT_PLACEMENT = "[[\"hostname\",\"UNIQUE\"]]";
    public static final String DEFAULT_MEMORY_SHARE = "25%";
    /** The original package's container HTTP port: DC/OS agents do not offer 8080 (Marathon's). */
    public static final int DEFAULT_HTTP_PORT = 8123;
    /** cockroach's own guidance: (2 × --max-sql-memory) + --cache ≤ 80% of the node's memory. */
    private static final int MEMORY_BUDGET_PERCENT = 80;
    private static final long MIB = 1L << 20;
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern PRINCIPAL = Pattern.compile("\\S{1,255}");

    public ServiceConfig {
        Objects.requireNonNull(serviceName, "serviceName");
        nodePlacement = List.copyOf(nodePlacement);
        Objects.requireNonNull(nodeAddressing, "nodeAddressing");
        Objects.requireNonNull(executorCommand, "executorCommand");
        Objects.requireNonNull(cockroachBinary, "cockroachBinary");
        Objects.requireNonNull(gateSettle, "gateSettle");
    }

    /** Either a usable config with advice, or everything that is wrong with the environment. */
    public sealed interface Parsed {
        record Valid(ServiceConfig config, List<String> warnings) implements Parsed {
            public Valid {
                warnings = List.copyOf(warnings);
            }
        }

        record Invalid(List<String> errors) implements Parsed {
            public Invalid {
                errors = List.copyOf(errors);
            }
        }
    }

    /** The config an empty environment yields: the package defaults. */
    public static ServiceConfig defaults() {
        return ((Parsed.Valid) parse(Map.of())).config();
    }

    /** Reads the scheduler's environment. Unknown variables are ignored; blank counts as unset. */
    public static Parsed parse(Map<String, String> env) {
        EnvironmentReader in = new EnvironmentReader(env);
        ServiceName name = in.read(Setting.FRAMEWORK_NAME, new ServiceName(DEFAULT_NAME), ServiceName::read);
        String user = in.read(Setting.FRAMEWORK_USER, DEFAULT_USER, text -> USER.matcher(text).matches()
                ? Reading.ok(text)
                : Reading.refused("expected a Unix user name (lowercase letters, digits, '_' and '-', at most 32)"));
        String principal = in.read(Setting.FRAMEWORK_PRINCIPAL, name.defaultPrincipal(),
                text -> PRINCIPAL.matcher(text).matches()
                        ? Reading.ok(text)
                        : Reading.refused("expected a Mesos principal without spaces"));
        int nodeCount = in.read(Setting.NODE_COUNT, (long) DEFAULT_NODE_COUNT, Reading.wholeNumberIn(1, 100))
                .intValue();
        double cpus = in.read(Setting.NODE_CPUS, BigDecimal.ONE,
                Reading.decimalAbove(BigDecimal.ZERO, BigDecimal.valueOf(64))).doubleValue();
        long memMib = in.read(Setting.NODE_MEM, 4096L, Reading.wholeNumberIn(1024, 4L << 20));
        long diskMib = in.read(Setting.NODE_DISK, 10240L, Reading.wholeNumberIn(1024, 1L << 40));
        DiskType diskType = in.read(Setting.NODE_DISK_TYPE, DiskType.ROOT, Reading.oneOf(DiskType.class));
        List<PlacementRule> placement = in.read(Setting.NODE_PLACEMENT,
                List.of(new PlacementRule.Unique(PlacementRule.HOSTNAME)), PlacementRules::read);
        CockroachVersion version = in.read(Setting.COCKROACH_VERSION, DEFAULT_VERSION, CockroachVersion::read);
        Optional<URI> cockroachUri = in.readOptional(Setting.COCKROACH_URI, Reading.artifactUri());
        Optional<MemoryShare> cache = in.readOptional(Setting.COCKROACH_CACHE_SIZE, MemoryShare::read);
        Optional<MemoryShare> sqlMemory = in.readOptional(Setting.COCKROACH_MAX_SQL_MEMORY, MemoryShare::read);
        int pgPort = in.read(Setting.COCKROACH_PG_PORT, 26257, Reading.port(false));
        int httpPort = in.read(Setting.COCKROACH_HTTP_PORT, DEFAULT_HTTP_PORT, Reading.port(false));
        Optional<URI> executorUri = in.readOptional(Setting.EXECUTOR_URI, Reading.artifactUri());
        Optional<URI> javaUri = in.readOptional(Setting.JAVA_URI, Reading.artifactUri());
        int apiPort = in.read(Setting.PORT_API, 0, Reading.port(true));
        MesosMaster master = in.read(Setting.MESOS_MASTER, MesosMaster.DCOS_DEFAULT, MesosMaster::read);
        ZooKeeperEnsemble zookeeper = in.read(Setting.ZOOKEEPER, ZooKeeperEnsemble.DCOS_DEFAULT,
                ZooKeeperEnsemble::read);
        long failoverSeconds = in.read(Setting.FAILOVER_TIMEOUT_SECONDS, Duration.ofDays(7).toSeconds(),
                Reading.wholeNumberIn(1, Long.MAX_VALUE / 1_000_000_000L));
        boolean autoFinalize = in.read(Setting.AUTO_FINALIZE_UPGRADE, false, Reading::bool);
        long replaceAfterSeconds = in.read(Setting.REPLACE_AFTER_SECONDS, 0L,
                Reading.wholeNumberIn(0, Long.MAX_VALUE / 1_000_000_000L));
        NodeAddressing addressing = in.read(Setting.NODE_ADDRESSING, NodeAddressing.DNS, NodeAddressing::read);
        Optional<String> executorCommand = in.readOptional(Setting.EXECUTOR_COMMAND, Reading.singleLine());
        Optional<String> cockroachBinary = in.readOptional(Setting.COCKROACH_BINARY, Reading.singleLine());
        long settleSeconds = in.read(Setting.HEALTH_GATE_SETTLE_SECONDS, 60L, Reading.wholeNumberIn(0, 3600));

        if (!in.wasRefused(Setting.COCKROACH_PG_PORT) && !in.wasRefused(Setting.COCKROACH_HTTP_PORT)
                && pgPort == httpPort) {
            in.refuse(Setting.COCKROACH_HTTP_PORT, "must differ from COCKROACH_PG_PORT (" + pgPort + ")");
        }
        MemoryShare cacheShare = cache.orElseGet(ServiceConfig::defaultShare);
        MemoryShare sqlShare = sqlMemory.orElseGet(ServiceConfig::defaultShare);
        if (!in.wasRefused(Setting.NODE_MEM) && !in.wasRefused(Setting.COCKROACH_CACHE_SIZE)
                && !in.wasRefused(Setting.COCKROACH_MAX_SQL_MEMORY)) {
            long taskBytes = memMib * MIB;
            long used = 2 * sqlShare.resolve(taskBytes) + cacheShare.resolve(taskBytes);
            if (used * 100 > taskBytes * MEMORY_BUDGET_PERCENT) {
                in.refuse(Setting.COCKROACH_MAX_SQL_MEMORY, "2 x COCKROACH_MAX_SQL_MEMORY (" + sqlShare.text()
                        + ") + COCKROACH_CACHE_SIZE (" + cacheShare.text() + ") comes to " + used / MIB
                        + " MiB, more than " + MEMORY_BUDGET_PERCENT + "% of NODE_MEM (" + memMib
                        + " MiB); lower either");
            }
        }

        if (!in.errors().isEmpty()) {
            return new Parsed.Invalid(in.errors());
        }
        ServiceConfig config = new ServiceConfig(name, user, principal, nodeCount, cpus, memMib, diskMib,
                diskType, placement, version, cockroachUri, cacheShare, sqlShare, pgPort, httpPort,
                executorUri, javaUri, apiPort, master, zookeeper, Duration.ofSeconds(failoverSeconds),
                autoFinalize, Duration.ofSeconds(replaceAfterSeconds), addressing, executorCommand, cockroachBinary,
                Duration.ofSeconds(settleSeconds));
        return new Parsed.Valid(config, quorumWarnings(nodeCount));
    }

    private static MemoryShare defaultShare() {
        return ((Reading.Ok<MemoryShare>) MemoryShare.read(DEFAULT_MEMORY_SHARE)).value();
    }

    /** Allowed, because small test clusters are legitimate, but worth saying out loud. */
    static List<String> quorumWarnings(int nodeCount) {
        List<String> warnings = new ArrayList<>();
        if (nodeCount < 3) {
            warnings.add("NODE_COUNT=" + nodeCount + ": fewer than 3 nodes cannot keep a quorum of 3 replicas;"
                    + " losing any node makes data unavailable");
        } else if (nodeCount % 2 == 0) {
            warnings.add("NODE_COUNT=" + nodeCount + ": an even count survives no more node failures than "
                    + (nodeCount - 1) + " nodes do");
        }
        return warnings;
    }

    /** The Mesos role all reservations are made under. */
    public String role() {
        return serviceName.role();
    }

    /** The framework's ZooKeeper root node. */
    public String zkRoot() {
        return serviceName.zkRoot();
    }

    /** --cache in bytes for a task with this much memory (never the host's memory). */
    public long cacheBytes(long taskMemBytes) {
        return cacheSize.resolve(taskMemBytes);
    }

    /** --max-sql-memory in bytes for a task with this much memory (never the host's memory). */
    public long sqlMemoryBytes(long taskMemBytes) {
        return maxSqlMemory.resolve(taskMemBytes);
    }

    /** The memory each node task reserves. */
    public long nodeMemBytes() {
        return nodeMemMib * MIB;
    }

    /** Whether an unreachable node may be replaced without an operator's {@code pod replace}. */
    public boolean replacesAutomatically() {
        return !replaceAfter.isZero();
    }
}
