package org.cockroachdb.mesos.scheduler.uninstall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.cockroachdb.mesos.scheduler.plan.StepRef;
import org.junit.jupiter.api.Test;

class UninstallProgressTest {

    @Test
    void releasedIdsAndForcedStepsReadBackAsWritten() {
        assertThat(UninstallProgress.decodeIds(UninstallProgress.encodeIds(List.of("b", "a", "b"))))
                .containsExactly("a", "b");
        assertThat(UninstallProgress.decodeIds("")).isEmpty();
        Set<StepRef> forced = Set.of(new StepRef("kill-tasks", "cockroachdb-0-node-init"),
                new StepRef("unreserve-resources", "agent \"a\", with odd characters"));
        assertThat(UninstallProgress.decodeForced(UninstallProgress.encodeForced(forced)))
                .containsExactlyInAnyOrderElementsOf(forced);
        assertThat(UninstallProgress.decodeForced("[]")).isEmpty();
    }
}
