package org.cockroachdb.mesos.scheduler.uninstall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
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
