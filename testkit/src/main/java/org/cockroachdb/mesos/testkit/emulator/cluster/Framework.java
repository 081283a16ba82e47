package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.cockroachdb.mesos.testkit.emulator.http.Encoding;
import org.cockroachdb.mesos.testkit.emulator.http.StreamSink;

/** A framework as the master knows it. Touched only on the cluster's loop thread. */
final class Framework {
    final String id;
    FrameworkInfo info;
    StreamSink stream;
    String streamId;
    Encoding encoding = Encoding.PROTOBUF;
    boolean connected;
    boolean heartbeatsStopped;
    ScheduledFuture<?> heartbeat;
    ScheduledFuture<?> failoverTimer;
    final Set<String> suppressedRoles = new HashSet<>();
    /** Operation updates with a uuid, kept until ACKNOWLEDGE_OPERATION_STATUS (keyed by uuid). */
    final Map<com.google.protobuf.ByteString, OperationStatus> unackedOperations = new LinkedHashMap<>();

    Framework(String id, FrameworkInfo info) {
        this.id = id;
        this.info = info;
    }

    boolean has(FrameworkInfo.Capability.Type capability) {
        return info.getCapabilitiesList().stream().anyMatch(c -> c.getType() == capability);
    }

    boolean multiRole() {
        return has(FrameworkInfo.Capability.Type.MULTI_ROLE);
    }

    boolean refinement() {
        return has(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT);
    }

    boolean partitionAware() {
        return has(FrameworkInfo.Capability.Type.PARTITION_AWARE);
    }

    @SuppressWarnings("deprecation") // FrameworkInfo.role is how non-MULTI_ROLE frameworks name theirs
    List<String> roles() {
        if (multiRole()) {
            return new ArrayList<>(info.getRolesList());
        }
        return List.of(info.hasRole() ? info.getRole() : "*");
    }

    String principal() {
        return info.hasPrincipal() ? info.getPrincipal() : null;
    }
}
