package org.cockroachdb.mesos.scheduler.mesos;

import java.util.Optional;

import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;

/** The FrameworkInfo we subscribe with: one role, refinement-aware reservations, checkpointing. */
public final class FrameworkInfos {

    private FrameworkInfos() {
    }

    public static FrameworkInfo of(ServiceConfig config, Optional<String> frameworkId, String hostname) {
        FrameworkInfo.Builder b = FrameworkInfo.newBuilder()
                .setUser(config.user())
                .setName(config.serviceName().value())
                .addRoles(config.role())
                .setPrincipal(config.principal())
                .setCheckpoint(true)
                .setFailoverTimeout(config.failoverTimeout().toSeconds())
                .setHostname(hostname);
        for (Capability.Type type : new Capability.Type[] {Capability.Type.MULTI_ROLE,
                Capability.Type.RESERVATION_REFINEMENT, Capability.Type.PARTITION_AWARE,
                Capability.Type.TASK_KILLING_STATE}) {
            b.addCapabilities(Capability.newBuilder().setType(type));
        }
        frameworkId.ifPresent(id -> b.setId(FrameworkID.newBuilder().setValue(id)));
        return b.build();
    }
}
