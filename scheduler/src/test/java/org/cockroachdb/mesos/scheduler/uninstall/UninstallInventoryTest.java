package org.cockroachdb.mesos.scheduler.uninstall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.junit.jupiter.api.Test;

class UninstallInventoryTest {

    private static Resource reserved(String name, String resourceId) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(1))
                .addReservations(Resource.ReservationInfo.newBuilder()
                        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole("cockroachdb-role")
                        .setPrincipal("cockroachdb-principal")
                        .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("resource_id")
                                .setValue(resourceId))))
                .build();
    }

    private static Resource volume(String resourceId, String persistenceId) {
        return reserved("disk", resourceId).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
                .setPersistence(Resource.DiskInfo.Persistence.newBuilder().setId(persistenceId))).build();
    }

    private static TaskRecord record(String name, String agent, String host, List<Resource> task,
                                     List<Resource> executor) {
        TaskInfo info = TaskInfo.newBuilder().setName(name).setTaskId(TaskID.newBuilder().setValue(name + "__id"))
                .setAgentId(AgentID.newBuilder().setValue(agent)).addAllResources(task)
                .setExecutor(ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue(name + "__exec"))
                        .addAllResources(executor))
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey(NodeTaskInfos.HOSTNAME_LABEL)
                        .setValue(host)))
                .build();
        return TaskRecord.launching(name, info.toByteString());
    }

    @Test
    void groupsTheUniqueReservationIdsOfTasksAndExecutorsByAgentWithoutVolumeIds() {
        List<TaskRecord> records = List.of(
                record("cockroachdb-1-node-join", "agent-b", "host-b",
                        List.of(reserved("cpus", "c1"), volume("d1", "cockroachdb-1-vol")), List.of(reserved("mem", "e1"))),
                // a second task on the same agent sharing a reservation: it is named once
                record("cockroachdb-2-node-join", "agent-b", "host-b", List.of(reserved("cpus", "c1"),
                        reserved("mem", "m2")), List.of()),
                record("cockroachdb-0-node-init", "agent-a", "host-a", List.of(reserved("cpus", "c0")), List.of()));
        Map<String, String> placed = Map.of("placed:cockroachdb-0-node-init", "agent-a",
                "placed:cockroachdb-1-node-join", "agent-b", "placed:cockroachdb-2-node-join", "agent-b");

        List<UninstallPlan.AgentReservations> agents = UninstallInventory.reservations(records, placed);

        assertThat(agents).extracting(UninstallPlan.AgentReservations::agentId).containsExactly("agent-a", "agent-b");
        assertThat(agents.get(0).resourceIds()).containsExactly("c0");
        assertThat(agents.get(1).hostname()).isEqualTo("host-b");
        assertThat(agents.get(1).resourceIds()).containsExactlyInAnyOrder("c1", "d1", "e1", "m2");
    }

    @Test
    void aTaskNoAgentConfirmedThereNamesNoReservationToWaitFor() {
        List<TaskRecord> records = List.of(
                record("cockroachdb-0-node-init", "agent-a", "host-a", List.of(reserved("cpus", "never-made")), List.of()),
                record("cockroachdb-1-node-join", "agent-c", "host-c", List.of(reserved("cpus", "moved")), List.of()));
        // node 0 was never confirmed anywhere; node 1 was confirmed on another agent (a replace in flight)
        Map<String, String> placed = Map.of("placed:cockroachdb-1-node-join", "agent-b");

        assertThat(UninstallInventory.reservations(records, placed)).isEmpty();
    }

    @Test
    void aForgottenScaledDownPodAndTheAgentAReplacedPodLeftAreWaitedFor() {
        // Pod 3 was forgotten by a scale-down before its reservations were released; pod 1 was
        // replaced away from agent-a and runs (confirmed) on agent-c.
        List<TaskRecord> records = List.of(record("cockroachdb-1-node-join", "agent-c", "host-c",
                List.of(reserved("cpus", "new-c1")), List.of()));
        Map<String, String> properties = Map.of(
                "placed:cockroachdb-1-node-join", "agent-c",
                "replacing:cockroachdb-1-node-join",
                "{\"agentId\":\"agent-a\",\"oldNodeId\":\"2\",\"resourceIds\":[\"old-a1\",\"old-vol\"]}",
                "decommission:cockroachdb-3-node-join", "{\"stage\":\"UNRESERVING\",\"nodeId\":\"4\","
                        + "\"agentId\":\"agent-d\",\"executorId\":\"e3\",\"resourceIds\":[\"d3\",\"vol-3\"]}",
                // released already: nothing to wait for
                "decommission:cockroachdb-4-node-join", "{\"stage\":\"DONE\",\"nodeId\":\"5\","
                        + "\"agentId\":\"agent-e\",\"executorId\":\"e4\",\"resourceIds\":[\"d4\"]}");

        List<UninstallPlan.AgentReservations> agents = UninstallInventory.reservations(records, properties);

        assertThat(agents).extracting(UninstallPlan.AgentReservations::agentId)
                .containsExactlyInAnyOrder("agent-a", "agent-c", "agent-d");
        assertThat(agents).filteredOn(a -> a.agentId().equals("agent-a")).singleElement()
                .satisfies(a -> assertThat(a.resourceIds()).containsExactlyInAnyOrder("old-a1", "old-vol"));
        assertThat(agents).filteredOn(a -> a.agentId().equals("agent-d")).singleElement()
                .satisfies(a -> assertThat(a.resourceIds()).containsExactlyInAnyOrder("d3", "vol-3"));
    }

    @Test
    void aReservationCountsAsReleasedOnlyOnceAnOfferFromItsAgentNoLongerCarriesIt() {
        List<UninstallPlan.AgentReservations> agents = List.of(
                new UninstallPlan.AgentReservations("agent-a", "host-a", Set.of("a1", "a2", "vol-a")),
                new UninstallPlan.AgentReservations("agent-b", "host-b", Set.of("b1")));

        // The ACCEPT releasing a1 and the volume failed: the next offer still carries them.
        Offer stillThere = offer("agent-a", List.of(reserved("cpus", "a1"), volume("a2", "vol-a")), false);
        assertThat(UninstallInventory.goneFrom(List.of(stillThere), agents)).isEmpty();

        // The volume was destroyed (its disk reservation stays); a1 is gone.
        Offer partly = offer("agent-a", List.of(reserved("disk", "a2")), false);
        assertThat(UninstallInventory.goneFrom(List.of(partly), agents))
                .isEqualTo(Map.of("agent-a", Set.of("a1", "vol-a")));

        // An executor of ours still runs there: its reservations are not offered, so nothing is known.
        assertThat(UninstallInventory.goneFrom(List.of(offer("agent-a", List.of(), true)), agents)).isEmpty();

        // Two offers of one agent in one batch count together; an agent not offered says nothing.
        assertThat(UninstallInventory.goneFrom(List.of(offer("agent-a", List.of(reserved("cpus", "a1")), false),
                offer("agent-a", List.of(reserved("disk", "a2")), false)), agents))
                .isEqualTo(Map.of("agent-a", Set.of("vol-a")));
    }

    private static Offer offer(String agent, List<Resource> resources, boolean executorRuns) {
        Offer.Builder offer = Offer.newBuilder().setId(OfferID.newBuilder().setValue("o-" + agent))
                .setFrameworkId(FrameworkID.newBuilder().setValue("fw"))
                .setAgentId(AgentID.newBuilder().setValue(agent)).setHostname(agent).addAllResources(resources);
        if (executorRuns) {
            offer.addExecutorIds(ExecutorID.newBuilder().setValue("exec"));
        }
        return offer.build();
    }

    @Test
    void listsEveryStoredTaskWithItsLastStateAndWhetherAKillWentOut() {
        TaskRecord killed = record("cockroachdb-1-node-join", "agent-b", "host-b", List.of(), List.of())
                .withLastStatus(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("x"))
                        .setState(TaskState.TASK_KILLED).build().toByteString());
        TaskRecord silent = record("cockroachdb-0-node-init", "agent-a", "host-a", List.of(), List.of());

        List<UninstallPlan.TaskToKill> tasks = UninstallInventory.tasks(List.of(killed, silent),
                Set.of("cockroachdb-1-node-join"));

        assertThat(tasks).containsExactly(
                new UninstallPlan.TaskToKill("cockroachdb-0-node-init", "cockroachdb-0", Optional.empty(), false),
                new UninstallPlan.TaskToKill("cockroachdb-1-node-join", "cockroachdb-1",
                        Optional.of(TaskState.TASK_KILLED), true));
    }
}
