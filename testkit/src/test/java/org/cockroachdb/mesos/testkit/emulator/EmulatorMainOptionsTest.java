package org.cockroachdb.mesos.testkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmulatorMainOptionsTest {

    @Test
    void aZooKeeperUrlWithoutAZnodePathIsRefusedWithTheReason() {
        assertThatThrownBy(() -> EmulatorMain.Options.parse(new String[] {"--zk", "zk://127.0.0.1:2181"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("znode path");
    }

    @Test
    void aRefusedZooKeeperUrlDoesNotShowItsPassword() {
        assertThatThrownBy(() -> EmulatorMain.Options.parse(new String[] {"--zk", "zk://emulator:secret@127.0.0.1:2181"}))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    }

    @Test
    void aZooKeeperUrlWithCredentialsAndAPathIsAccepted() {
        assertThat(EmulatorMain.Options.parse(new String[] {"--zk", "zk://emulator:secret@127.0.0.1:2181/mesos"}).zk())
                .hasValue("zk://emulator:secret@127.0.0.1:2181/mesos");
    }
}
