package org.cockroachdb.mesos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec.PortRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentPortsTest {

    @Test
    void fixedPortsOutsideTheDynamicRangeAreAddedInOrder() {
        assertThat(AgentPorts.ranges(List.of(26257, 8123))).containsExactly(
                new PortRange(8123, 8123), new PortRange(26257, 26257), new PortRange(31000, 31999));
    }

    @Test
    void portsInsideTheDynamicRangeAddNothingAndNeighboursMerge() {
        assertThat(AgentPorts.ranges(List.of(31500, 26257, 26258))).containsExactly(
                new PortRange(26257, 26258), new PortRange(31000, 31999));
        assertThat(AgentPorts.ranges(List.of(30999, 32000))).containsExactly(new PortRange(30999, 32000));
    }

    @Test
    void everyAgentOffersTheSamePortsOnItsOwnAddress(@TempDir Path locks) throws IOException {
        int port = freePort();
        try (LoopbackBlock block = LoopbackBlock.claim(3, List.of(port), locks)) {
            assertThat(AgentPorts.agents(3, List.of(port), block))
                    .extracting(a -> a.hostname()).containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3");
            assertThat(AgentPorts.agents(2, List.of(port), block)).allSatisfy(a -> assertThat(a.ports())
                    .containsExactlyInAnyOrder(new PortRange(port, port), new PortRange(31000, 31999)));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
