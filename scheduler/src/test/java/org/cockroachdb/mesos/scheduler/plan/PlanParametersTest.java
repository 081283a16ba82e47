package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cockroachdb.mesos.scheduler.state.SecretNames;
import org.junit.jupiter.api.Test;

class PlanParametersTest {

    @Test
    void every_name_the_state_store_treats_as_secret_is_masked_and_more() {
        for (String name : new String[] {"AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "DB_PASSWORD", "MY_PASSWD",
                "GITHUB_TOKEN", "GCP_CREDENTIALS", "TLS_PRIVATE_KEY", "api_key", "BASIC_AUTH", "pass"}) {
            assertThat(PlanParameters.shown(Map.of(name, "v"))).as(name).isEqualTo("{" + name + "=****}");
        }
        for (String name : new String[] {"AWS_SECRET_ACCESS_KEY", "MY_PASSWD", "GITHUB_TOKEN", "TLS_PRIVATE_KEY"}) {
            assertThat(SecretNames.DEFAULT.matches(name)).as("the state store redacts " + name).isTrue();
        }
    }

    @Test
    void other_values_are_shown_sorted_by_name() {
        assertThat(PlanParameters.shown(Map.of("S3_DIR_PATH", "backups", "DATABASE_NAME", "bank")))
                .isEqualTo("{DATABASE_NAME=bank, S3_DIR_PATH=backups}");
        assertThat(PlanParameters.shown(Map.of())).isEqualTo("{}");
    }

    @Test
    void names_are_environment_variable_names() {
        assertThat(PlanParameters.problem(Map.of("OK_1", "v", "_", "v"))).isEmpty();
        assertThat(PlanParameters.problem(Map.of("A-B", "v"))).hasValue("Couldn't parse parameters: 'A-B' is not a valid"
                + " environment variable name; use letters, digits and '_', not starting with a digit");
    }
}
