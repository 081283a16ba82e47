package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_sdk_shape_field_by_field() throws Exception {
        DesiredNode n0 = DesiredNode.of(0);
        Plan plan = DeployPlan.of(DesiredNode.ofCount(2), 1,
                Map.of(n0.taskName(), new ObservedTask(n0.taskName(), n0.podName(), Optional.of("TASK_RUNNING"), 1, true, "")),
                Set.of(), Map.of(), List.of("NODE_COUNT: cannot shrink from 3 to 2"));
        String phaseId = PlanIds.phase("deploy", "node-deploy");
        String step0 = PlanIds.step("deploy", "node-deploy", "cockroachdb-0:[node-init]");
        String step1 = PlanIds.step("deploy", "node-deploy", "cockroachdb-1:[node-join]");
        String expected = """
                {"phases":[{"id":"%s","name":"node-deploy","steps":[
                   {"id":"%s","status":"COMPLETE","name":"cockroachdb-0:[node-init]","message":"running revision 1, ready"},
                   {"id":"%s","status":"PENDING","name":"cockroachdb-1:[node-join]","message":"blocked by the plan's errors"}],
                  "status":"IN_PROGRESS","strategy":"parallel"}],
                 "errors":["NODE_COUNT: cannot shrink from 3 to 2"],"status":"ERROR","strategy":"parallel"}
                """.formatted(phaseId, step0, step1);

        String written = PlanJson.write(plan);

        assertThat(JSON.readTree(written)).isEqualTo(JSON.readTree(expected));
        // Field order as the SDK writes it; tools diff these outputs.
        assertThat(JSON.writeValueAsString(JSON.readTree(written)))
                .isEqualTo(JSON.writeValueAsString(JSON.readTree(expected)));
        assertThat(written).contains("\n  \"phases\"");
    }

    @Test
    void serial_is_lowercase_and_an_empty_plan_has_empty_lists() throws Exception {
        Plan plan = new Plan("update", Strategy.SERIAL, List.of(), List.of(), false);
        assertThat(JSON.readTree(PlanJson.write(plan)))
                .isEqualTo(JSON.readTree("{\"phases\":[],\"errors\":[],\"status\":\"COMPLETE\",\"strategy\":\"serial\"}"));
    }
}
