package org.cockroachdb.mesos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec.PortRange;
import org.junit.jupiter.api.Test;

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
    void everyAgentOffersTheSamePortsOnItsOwnAddress() throws IOException {
        int port = freePort();
        assertThat(AgentPorts.agents(3, List.of(port)))
                .extracting(a -> a.hostname()).containsExactly("127.0.1.1", "127.0.1.2", "127.0.1.3");
        assertThat(AgentPorts.agents(2, List.of(port))).allSatisfy(a -> assertThat(a.ports())
                .containsExactlyInAnyOrder(new PortRange(port, port), new PortRange(31000, 31999)));
    }

    @Test
    void anotherClusterHoldingAPortMovesTheAgentsToTheNextLoopbackBlock() throws IOException {
        int port = freePort();
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("127.0.1.2", port));

            assertThat(AgentPorts.agents(3, List.of(port)))
                    .extracting(a -> a.hostname()).containsExactly("127.0.2.1", "127.0.2.2", "127.0.2.3");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
