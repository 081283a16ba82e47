package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodCommandTest {

    private static final Map<String, List<String>> TASKS = Map.of(
            "cockroachdb-0", List.of("cockroachdb-0-node-init"),
            "admin-0", List.of("admin-0-restore", "admin-0-backup"));

    @Test
    void a_known_pod_names_all_its_tasks_sorted() {
        assertThat(new PodCommand.Restart("cockroachdb-0").outcome(TASKS))
                .isEqualTo(new PodCommand.Outcome.Done("cockroachdb-0", List.of("cockroachdb-0-node-init")));
        assertThat(new PodCommand.Replace("admin-0").outcome(TASKS))
                .isEqualTo(new PodCommand.Outcome.Done("admin-0", List.of("admin-0-backup", "admin-0-restore")));
    }

    @Test
    void an_unknown_pod_is_not_found() {
        PodCommand.Outcome outcome = new PodCommand.Replace("cockroachdb-7").outcome(TASKS);
        assertThat(outcome).isEqualTo(new PodCommand.Outcome.NotFound("cockroachdb-7"));
        assertThat(((PodCommand.Outcome.NotFound) outcome).message()).isEqualTo("Pod cockroachdb-7 not found");
    }
}
