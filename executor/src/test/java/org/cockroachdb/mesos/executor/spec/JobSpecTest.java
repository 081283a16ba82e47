package org.cockroachdb.mesos.executor.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSpecTest {
    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCockroachCommandSurvivesItsJsonForm() {
        JobSpec spec = new JobSpec.CockroachCommand("cockroach/cockroach",
                List.of("node", "decommission", "4", "--insecure", "--host=node-0:26257"));

        assertThat(JobSpec.fromJson(spec.toJson())).isEqualTo(spec);
    }

    @Test
    void aJobIsToldApartFromANodeLaunchSpec() {
        assertThat(JobSpec.describesJob(new JobSpec.CockroachCommand("c", List.of("version")).toJson())).isTrue();
        assertThat(JobSpec.describesJob(json("{\"cockroachBinary\":\"c\"}"))).isFalse();
        assertThat(JobSpec.describesJob(json("not json"))).isFalse();
        assertThat(JobSpec.describesJob(null)).isFalse();
    }

    @Test
    void badSpecsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> JobSpec.fromJson(json("{\"job\":\"format-disk\"}")))
                .hasMessage("job must be one of [cockroach], got 'format-disk'");
        assertThatThrownBy(() -> JobSpec.fromJson(json("{\"job\":\"cockroach\",\"cockroachBinary\":\"c\",\"args\":[1]}")))
                .hasMessage("args must be a JSON array of strings, got 1");
        assertThatThrownBy(() -> JobSpec.fromJson(json("{\"job\":\"cockroach\",\"cockroachBinary\":\"c\",\"args\":[],\"x\":1}")))
                .hasMessageStartingWith("x is not a job spec field");
        assertThatThrownBy(() -> JobSpec.fromJson(json("[")))
                .hasMessageStartingWith("the job spec is not valid JSON");
    }
}
