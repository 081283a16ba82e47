package org.cockroachdb.mesos.scheduler.cockroach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class NodePodsTest {

    @Test
    void podZeroRunsNodeInitAndTheOthersNodeJoin() {
        assertThat(NodePods.desired(3)).extracting(d -> d.taskName())
                .containsExactly("cockroachdb-0-node-init", "cockroachdb-1-node-join", "cockroachdb-2-node-join");
        assertThat(NodePods.indexOfTask("cockroachdb-12-node-join")).contains(12);
        assertThat(NodePods.indexOfTask("cockroachdb-0-node-join")).isEqualTo(Optional.empty());
        assertThat(NodePods.indexOfTask("cockroachdb-1-node-init")).isEqualTo(Optional.empty());
        assertThat(NodePods.indexOfTask("backup")).isEqualTo(Optional.empty());
        assertThat(NodePods.indexOfPod("cockroachdb-4")).contains(4);
        assertThat(NodePods.indexOfPod("cockroachdb-x")).isEqualTo(Optional.empty());
    }
}
