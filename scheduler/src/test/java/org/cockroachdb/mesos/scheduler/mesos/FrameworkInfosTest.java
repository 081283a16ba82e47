package org.cockroachdb.mesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

class FrameworkInfosTest {

    @Test
    void subscribesWithItsRoleTheCapabilitiesItNeedsCheckpointingAndItsStoredId() {
        ServiceConfig config = ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(
                Map.of("FRAMEWORK_NAME", "group/crdb", "FAILOVER_TIMEOUT_SECONDS", "1209600"))).config();

        FrameworkInfo info = FrameworkInfos.of(config, Optional.of("fw-1"), "host-1");

        assertThat(info.getRolesList()).containsExactly("group__crdb-role");
        assertThat(info.getCapabilitiesList()).extracting(Capability::getType).containsExactlyInAnyOrder(
                Capability.Type.MULTI_ROLE, Capability.Type.RESERVATION_REFINEMENT,
                Capability.Type.PARTITION_AWARE, Capability.Type.TASK_KILLING_STATE);
        assertThat(info.getCheckpoint()).isTrue();
        assertThat(info.getFailoverTimeout()).isEqualTo(1209600.0);
        assertThat(info.getId().getValue()).isEqualTo("fw-1");
        assertThat(info.getPrincipal()).isEqualTo("group/crdb-principal");
        assertThat(FrameworkInfos.of(config, Optional.empty(), "h").hasId()).isFalse();
    }
}
