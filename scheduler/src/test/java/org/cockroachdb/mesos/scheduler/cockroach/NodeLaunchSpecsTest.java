package org.cockroachdb.mesos.scheduler.cockroach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

class NodeLaunchSpecsTest {

    @Test
    void memoryFlagsAreAbsoluteBytesOfTheTaskMemoryNeverAShareOfTheHost() {
        ServiceConfig c = ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(Map.of("NODE_MEM", "2048",
                "COCKROACH_CACHE_SIZE", "25%", "COCKROACH_MAX_SQL_MEMORY", "512MiB"))).config();

        LaunchSpec spec = NodeLaunchSpecs.of(c, 0, "10.0.0.1", List.of("a:26257"), true);

        assertThat(spec.cacheBytes()).isEqualTo(512L << 20);
        assertThat(spec.maxSqlMemoryBytes()).isEqualTo(512L << 20);
        assertThat(spec.initCluster()).isTrue();
        assertThat(spec.security()).isEqualTo(LaunchSpec.SecurityMode.INSECURE);
        assertThat(spec.storeDir()).isEqualTo("cockroach-data");
        assertThat(spec.rpcPort()).isEqualTo(26257);
        assertThat(spec.httpPort()).isEqualTo(ServiceConfig.DEFAULT_HTTP_PORT);
        assertThat(spec.expectedVersion()).isEqualTo("v23.1.11");
        assertThat(spec.cockroachBinary()).isEqualTo("cockroach-v23.1.11.linux-amd64/cockroach");
    }

    @Test
    void anExplicitBinaryPathWins() {
        ServiceConfig c = ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(
                Map.of("COCKROACH_BINARY", "/opt/cockroach/bin/cockroach"))).config();

        assertThat(NodeLaunchSpecs.of(c, 1, "h", List.of("a:1"), false).cockroachBinary())
                .isEqualTo("/opt/cockroach/bin/cockroach");
    }
}
