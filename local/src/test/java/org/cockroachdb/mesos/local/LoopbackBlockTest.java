package org.cockroachdb.mesos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackBlockTest {
    @TempDir
    Path locks;

    @Test
    void aBlockHeldByAnotherClusterIsSkippedEvenWhileItsPortsAreStillFree() throws IOException {
        int port = AgentPortsTest.freePort();
        try (LoopbackBlock first = LoopbackBlock.claim(3, List.of(port), locks)) {
            // nothing listens on 127.0.1.x yet (its nodes have not started): the lock alone keeps it
            try (LoopbackBlock second = LoopbackBlock.claim(3, List.of(port), locks)) {
                assertThat(first.host(0)).isEqualTo("127.0.1.1");
                assertThat(second.host(0)).isEqualTo("127.0.2.1");
            }
        }
        try (LoopbackBlock again = LoopbackBlock.claim(3, List.of(port), locks)) {
            assertThat(again.host(2)).as("released on close").isEqualTo("127.0.1.3");
        }
    }

    @Test
    void aPortTakenOnOneAddressMovesTheClusterToTheNextBlock() throws IOException {
        int port = AgentPortsTest.freePort();
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("127.0.1.2", port));

            try (LoopbackBlock block = LoopbackBlock.claim(3, List.of(port), locks)) {
                assertThat(List.of(block.host(0), block.host(1), block.host(2)))
                        .containsExactly("127.0.2.1", "127.0.2.2", "127.0.2.3");
            }
        }
    }
}
