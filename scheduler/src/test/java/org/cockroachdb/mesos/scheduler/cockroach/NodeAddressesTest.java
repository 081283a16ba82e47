package org.cockroachdb.mesos.scheduler.cockroach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

class NodeAddressesTest {

    private static ServiceConfig config(Map<String, String> env) {
        return ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(env)).config();
    }

    @Test
    void onDcosEveryNodeJoinsTheSameFirstThreeDnsNamesOnTheRpcPort() {
        ServiceConfig c = config(Map.of("NODE_COUNT", "5", "FRAMEWORK_NAME", "group/crdb", "COCKROACH_PG_PORT", "26000"));

        assertThat(NodeAddresses.joinList(c, Map.of())).containsExactly(
                "cockroachdb-0-node-init.groupcrdb.autoip.dcos.thisdcos.directory:26000",
                "cockroachdb-1-node-join.groupcrdb.autoip.dcos.thisdcos.directory:26000",
                "cockroachdb-2-node-join.groupcrdb.autoip.dcos.thisdcos.directory:26000");
        assertThat(NodeAddresses.advertiseHost(c, 3, "10.0.0.4"))
                .isEqualTo("cockroachdb-3-node-join.groupcrdb.autoip.dcos.thisdcos.directory");
        assertThat(NodeAddresses.listenHost(c, "10.0.0.4")).isEmpty();
        assertThat(NodeAddresses.vip(c, "pg", 26000)).isEqualTo("pg.groupcrdb.l4lb.thisdcos.directory:26000");
        assertThat(NodeAddresses.joinTargetsPlaced(c, 4, Map.of())).isTrue();
    }

    @Test
    void offDcosNodesUseTheirAgentsAddressAndJoinThePlacedFirstPods() {
        ServiceConfig c = config(Map.of("NODE_COUNT", "1", "NODE_ADDRESSING", "agent-ip"));
        ServiceConfig five = config(Map.of("NODE_COUNT", "5", "NODE_ADDRESSING", "agent-ip"));
        Map<Integer, String> placed = new HashMap<>(Map.of(0, "127.0.1.1", 2, "127.0.1.3", 4, "127.0.1.5"));

        assertThat(NodeAddresses.joinList(five, placed)).containsExactly("127.0.1.1:26257", "127.0.1.3:26257");
        assertThat(NodeAddresses.joinList(c, placed)).containsExactly("127.0.1.1:26257");
        assertThat(NodeAddresses.advertiseHost(five, 3, "127.0.1.4")).isEqualTo("127.0.1.4");
        assertThat(NodeAddresses.listenHost(five, "127.0.1.4")).isEqualTo("127.0.1.4");
        assertThat(NodeAddresses.joinTargetsPlaced(five, 0, Map.of())).isTrue();
        assertThat(NodeAddresses.joinTargetsPlaced(five, 1, Map.of())).isFalse();
        assertThat(NodeAddresses.joinTargetsPlaced(five, 1, placed)).isTrue();
    }

    @Test
    void anUnknownAddressingModeIsRefusedWithTheAcceptedValues() {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of("NODE_ADDRESSING", "ipv6"));

        assertThat(((ServiceConfig.Parsed.Invalid) parsed).errors())
                .anySatisfy(e -> assertThat(e).contains("NODE_ADDRESSING").contains("dns|agent-ip"));
    }
}
