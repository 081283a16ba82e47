package org.cockroachdb.mesos.testkit.emulator;

import java.nio.file.Path;
import java.util.List;

/** A read-only snapshot of the emulated cluster, for tests and the admin endpoint. */
public record EmulatorState(String masterId, List<FrameworkView> frameworks, List<AgentView> agents, int outstandingOffers) {

    public record FrameworkView(String id, String name, boolean connected, List<String> roles) {}

    public record AgentView(int index, String id, String hostname, boolean running, boolean cut, boolean unreachable,
                            boolean gone, List<String> reservations, List<VolumeView> volumes, List<TaskView> tasks,
                            List<String> executors) {}

    public record VolumeView(String persistenceId, String role, String containerPath, double sizeMb, Path directory) {}

    public record TaskView(String taskId, String frameworkId, String masterState, String agentState, int pendingUpdates) {}

    public AgentView agent(int index) {
        return agents.get(index);
    }

    public List<TaskView> tasks() {
        return agents.stream().flatMap(a -> a.tasks().stream()).toList();
    }

    public List<VolumeView> volumes() {
        return agents.stream().flatMap(a -> a.volumes().stream()).toList();
    }

    public List<String> reservations() {
        return agents.stream().flatMap(a -> a.reservations().stream()).toList();
    }
}
