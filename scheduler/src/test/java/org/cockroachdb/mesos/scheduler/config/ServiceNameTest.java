package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceNameTest {

    @Test
    void folderedNameEscapesSlashesInRoleAndZooKeeperRoot() {
        ServiceConfig config = ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(
                Map.of("FRAMEWORK_NAME", "group/cockroachdb"))).config();

        assertThat(config.serviceName().value()).isEqualTo("group/cockroachdb");
        assertThat(config.role()).isEqualTo("group__cockroachdb-role");
        assertThat(config.zkRoot()).isEqualTo("/dcos-service-group__cockroachdb");
        assertThat(config.principal()).isEqualTo("group/cockroachdb-principal");
    }

    @Test
    void leadingSlashOfAMarathonAppIdIsDropped() {
        ServiceConfig config = ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(
                Map.of("FRAMEWORK_NAME", "/group/cockroachdb"))).config();

        assertThat(config.serviceName().value()).isEqualTo("group/cockroachdb");
        assertThat(config.zkRoot()).isEqualTo("/dcos-service-group__cockroachdb");
    }

    @Test
    void namesThatCannotBeEscapedOrUsedInDnsAreRefused() {
        for (String bad : new String[] {"Cockroach", "crdb_1", "a__b", "-crdb", "crdb-", "a//b", "a/", "/",
                "a".repeat(64)}) {
            assertThat(ServiceName.read(bad)).as(bad).isInstanceOf(Reading.Refused.class);
        }
    }

    @Test
    void constructorRefusesAnInvalidName() {
        assertThatThrownBy(() -> new ServiceName("Bad Name")).isInstanceOf(IllegalArgumentException.class);
    }
}
