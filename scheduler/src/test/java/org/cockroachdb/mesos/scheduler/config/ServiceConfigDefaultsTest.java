package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigDefaultsTest {

    @Test
    void emptyEnvironmentYieldsThePackageDefaultsWithoutWarnings() {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of());

        assertThat(parsed).isInstanceOf(ServiceConfig.Parsed.Valid.class);
        ServiceConfig.Parsed.Valid valid = (ServiceConfig.Parsed.Valid) parsed;
        assertThat(valid.warnings()).isEmpty();
        ServiceConfig config = valid.config();
        assertThat(config.serviceName().value()).isEqualTo("cockroachdb");
        assertThat(config.user()).isEqualTo("nobody");
        assertThat(config.principal()).isEqualTo("cockroachdb-principal");
        assertThat(config.role()).isEqualTo("cockroachdb-role");
        assertThat(config.zkRoot()).isEqualTo("/dcos-service-cockroachdb");
        assertThat(config.nodeCount()).isEqualTo(3);
        assertThat(config.nodeCpus()).isEqualTo(1.0);
        assertThat(config.nodeMemMib()).isEqualTo(4096);
        assertThat(config.nodeDiskMib()).isEqualTo(10240);
        assertThat(config.nodeDiskType()).isEqualTo(DiskType.ROOT);
        assertThat(config.nodePlacement()).containsExactly(new PlacementRule.Unique("hostname"));
        assertThat(config.cockroachVersion()).isEqualTo(new CockroachVersion(23, 1, 11));
        assertThat(config.cockroachUri()).isEmpty();
        assertThat(config.cacheSize().text()).isEqualTo("25%");
        assertThat(config.maxSqlMemory().text()).isEqualTo("25%");
        assertThat(config.pgPort()).isEqualTo(26257);
        assertThat(config.httpPort()).isEqualTo(8123);
        assertThat(config.executorUri()).isEmpty();
        assertThat(config.javaUri()).isEmpty();
        assertThat(config.apiPort()).isZero();
        assertThat(config.mesosMaster().address()).isEqualTo("zk://master.mesos:2181/mesos");
        assertThat(config.mesosMaster().viaZooKeeper()).isTrue();
        assertThat(config.zookeeper().connectString()).isEqualTo("master.mesos:2181");
        assertThat(config.failoverTimeout()).isEqualTo(Duration.ofDays(7));
        assertThat(config.autoFinalizeUpgrade()).isFalse();
        assertThat(config.replaceAfter()).isZero();
        assertThat(config.replacesAutomatically()).isFalse();
        assertThat(config.nodeAddressing()).isEqualTo(NodeAddressing.DNS);
        assertThat(config.executorCommand()).isEmpty();
        assertThat(config.cockroachBinary()).isEmpty();
    }

    @Test
    void unrelatedVariablesAreIgnored() {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of(
                "LANG", "C.UTF-8", "MESOS_TASK_ID", "scheduler.1", "NODE_COUNT_TYPO", "x"));

        assertThat(parsed).isEqualTo(new ServiceConfig.Parsed.Valid(ServiceConfig.defaults(), List.of()));
    }

    @Test
    void blankValuesCountAsUnset() {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of("NODE_COUNT", "", "COCKROACH_URI", "  "));

        assertThat(parsed).isEqualTo(new ServiceConfig.Parsed.Valid(ServiceConfig.defaults(), List.of()));
    }

    @Test
    void everyVariableIsReadWhenSet() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("FRAMEWORK_NAME", "/prod/crdb"),
                Map.entry("FRAMEWORK_USER", "root"),
                Map.entry("FRAMEWORK_PRINCIPAL", "crdb-sa"),
                Map.entry("NODE_COUNT", "5"),
                Map.entry("NODE_CPUS", "2.5"),
                Map.entry("NODE_MEM", "8192"),
                Map.entry("NODE_DISK", "20480"),
                Map.entry("NODE_DISK_TYPE", "mount"),
                Map.entry("NODE_PLACEMENT", "[[\"rack\",\"GROUP_BY\",\"3\"]]"),
                Map.entry("COCKROACH_VERSION", "v24.1.2"),
                Map.entry("COCKROACH_URI", "https://example.org/cockroach-v24.1.2.linux-amd64.tgz"),
                Map.entry("COCKROACH_CACHE_SIZE", "1GiB"),
                Map.entry("COCKROACH_MAX_SQL_MEMORY", ".2"),
                Map.entry("COCKROACH_PG_PORT", "26000"),
                Map.entry("COCKROACH_HTTP_PORT", "8090"),
                Map.entry("EXECUTOR_URI", "file:///opt/executor.tgz"),
                Map.entry("JAVA_URI", "http://example.org/jre.tgz"),
                Map.entry("PORT_API", "10000"),
                Map.entry("MESOS_MASTER", "http://127.0.0.1:5050"),
                Map.entry("ZOOKEEPER", "zk-1:2181,zk-2:2181"),
                Map.entry("FAILOVER_TIMEOUT_SECONDS", "3600"),
                Map.entry("AUTO_FINALIZE_UPGRADE", "true"),
                Map.entry("REPLACE_AFTER_SECONDS", "900"));

        ServiceConfig config = ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(env)).config();

        assertThat(config.serviceName().value()).isEqualTo("prod/crdb");
        assertThat(config.user()).isEqualTo("root");
        assertThat(config.principal()).isEqualTo("crdb-sa");
        assertThat(config.nodeCount()).isEqualTo(5);
        assertThat(config.nodeCpus()).isEqualTo(2.5);
        assertThat(config.nodeMemMib()).isEqualTo(8192);
        assertThat(config.nodeDiskMib()).isEqualTo(20480);
        assertThat(config.nodeDiskType()).isEqualTo(DiskType.MOUNT);
        assertThat(config.nodePlacement()).containsExactly(new PlacementRule.GroupBy("rack", 3));
        assertThat(config.cockroachVersion()).hasToString("v24.1.2");
        assertThat(config.cockroachUri()).map(Object::toString)
                .contains("https://example.org/cockroach-v24.1.2.linux-amd64.tgz");
        assertThat(config.cacheSize().text()).isEqualTo("1GiB");
        assertThat(config.maxSqlMemory().text()).isEqualTo(".2");
        assertThat(config.pgPort()).isEqualTo(26000);
        assertThat(config.httpPort()).isEqualTo(8090);
        assertThat(config.executorUri()).map(Object::toString).contains("file:///opt/executor.tgz");
        assertThat(config.javaUri()).map(Object::toString).contains("http://example.org/jre.tgz");
        assertThat(config.apiPort()).isEqualTo(10000);
        assertThat(config.mesosMaster().viaZooKeeper()).isFalse();
        assertThat(config.zookeeper().connectString()).isEqualTo("zk-1:2181,zk-2:2181");
        assertThat(config.failoverTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(config.autoFinalizeUpgrade()).isTrue();
        assertThat(config.replaceAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.replacesAutomatically()).isTrue();
    }
}
