package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DesiredNodeTest {

    @Test
    void node_zero_inits_and_the_others_join() {
        assertThat(DesiredNode.ofCount(3)).containsExactly(
                new DesiredNode(0, "cockroachdb-0", "cockroachdb-0-node-init"),
                new DesiredNode(1, "cockroachdb-1", "cockroachdb-1-node-join"),
                new DesiredNode(2, "cockroachdb-2", "cockroachdb-2-node-join"));
    }

    @Test
    void step_names_follow_the_sdk() {
        assertThat(DesiredNode.of(0).stepName()).isEqualTo("cockroachdb-0:[node-init]");
        assertThat(DesiredNode.of(12).stepName()).isEqualTo("cockroachdb-12:[node-join]");
        assertThat(DesiredNode.of(12).taskType()).isEqualTo("node-join");
    }

    @Test
    void names_that_do_not_fit_the_index_are_refused() {
        assertThatThrownBy(() -> new DesiredNode(1, "cockroachdb-2", "cockroachdb-2-node-join"))
                .hasMessage("node 1 must be pod cockroachdb-1 with a task named cockroachdb-1-<task type>, "
                        + "got cockroachdb-2 / cockroachdb-2-node-join");
        assertThatThrownBy(() -> DesiredNode.of(-1)).hasMessage("node index must be 0 or more, got -1");
    }
}
