package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.cockroachdb.mesos.testkit.emulator.EmulatorState;
import org.cockroachdb.mesos.testkit.emulator.resources.ReservationFormat;
import org.cockroachdb.mesos.testkit.emulator.resources.Resources;

/** Builds {@link EmulatorState} from the live state; run on the loop. */
final class Snapshots {
    private Snapshots() {}

    static EmulatorState of(Cluster c) {
        List<EmulatorState.FrameworkView> frameworks = c.frameworks.values().stream()
                .map(f -> new EmulatorState.FrameworkView(f.id, f.info.getName(), f.connected, f.roles()))
                .toList();
        List<EmulatorState.AgentView> agents = c.agents.stream().map(a -> new EmulatorState.AgentView(
                a.index, a.id, a.spec.hostname(), a.running, a.cut, a.unreachable, a.gone,
                a.total.toList().stream().filter(ReservationFormat::isReserved).map(Resources::describe).toList(),
                a.total.toList().stream().filter(Resources::isPersistentVolume).map(v -> volume(a, v)).toList(),
                a.tasks.values().stream().map(t -> new EmulatorState.TaskView(t.id(), t.framework.id, t.state.name(),
                        t.agentState.name(), t.pendingUpdates.size())).toList(),
                a.executors.values().stream().filter(e -> !e.terminated).map(Executor::id).toList()))
                .toList();
        return new EmulatorState(c.masterId, frameworks, agents, c.allocation.offers.size());
    }

    private static EmulatorState.VolumeView volume(Agent a, Resource v) {
        return new EmulatorState.VolumeView(v.getDisk().getPersistence().getId(), ReservationFormat.reservedRole(v),
                v.getDisk().getVolume().getContainerPath(), v.getScalar().getValue(), a.volumeDir(v));
    }
}
