package org.cockroachdb.mesos.testkit.emulator.conformance;

import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;

/** FrameworkInfos the conformance tests subscribe with. */
final class Frameworks {
    static final String ROLE = "test-role";
    static final String PRINCIPAL = "test-principal";

    private Frameworks() {}

    /** What our scheduler will send: MULTI_ROLE, refinement, partition-aware, TASK_KILLING_STATE, checkpointing. */
    static FrameworkInfo modern(String name) {
        return FrameworkInfo.newBuilder().setUser("nobody").setName(name).addRoles(ROLE).setPrincipal(PRINCIPAL)
                .setCheckpoint(true).setFailoverTimeout(604800)
                .addCapabilities(cap(Capability.Type.MULTI_ROLE))
                .addCapabilities(cap(Capability.Type.RESERVATION_REFINEMENT))
                .addCapabilities(cap(Capability.Type.PARTITION_AWARE))
                .addCapabilities(cap(Capability.Type.TASK_KILLING_STATE))
                .build();
    }

    /** An old-style framework: one role, no capabilities. */
    @SuppressWarnings("deprecation") // a legacy framework is defined by FrameworkInfo.role
    static FrameworkInfo legacy(String name, String role) {
        return FrameworkInfo.newBuilder().setUser("nobody").setName(name).setRole(role).setPrincipal(PRINCIPAL)
                .setFailoverTimeout(604800).build();
    }

    static Capability cap(Capability.Type type) {
        return Capability.newBuilder().setType(type).build();
    }
}
