package org.cockroachdb.mesos.scheduler.uninstall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.loop.SchedulerLoop;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.offer.ReservationIds;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/** What there is to clean up, read from the stored tasks and properties. Pure. */
final class UninstallInventory {

    private UninstallInventory() {
    }

    /** Every stored task, by name, with its last state and whether this scheduler sent it a KILL. */
    static List<UninstallPlan.TaskToKill> tasks(Collection<TaskRecord> records, Set<String> killsSent) {
        return records.stream().sorted(Comparator.comparing(TaskRecord::taskName))
                .map(r -> new UninstallPlan.TaskToKill(r.taskName(),
                        NodePods.indexOfTask(r.taskName()).map(NodePods::podName).orElse(r.taskName()),
                        status(r).map(TaskStatus::getState), killsSent.contains(r.taskName())))
                .toList();
    }

    /**
     * The unique resource ids of the reservations each agent holds for us, task's and executor's,
     * grouped by agent. Only tasks whose reservations an agent confirmed count (the loop's
     * {@code placed:} mark for that agent): a TaskInfo stored before an ACCEPT that never landed names
     * reservations that do not exist, and waiting for their offer would wait forever.
     */
    static List<UninstallPlan.AgentReservations> reservations(Collection<TaskRecord> records,
                                                               Map<String, String> properties) {
        Map<String, Set<String>> idsByAgent = new TreeMap<>();
        Map<String, String> hostnames = new TreeMap<>();
        for (TaskRecord record : records) {
            TaskInfo info = NodeTaskInfos.parse(record.taskInfo());
            String agent = info.getAgentId().getValue();
            String placedOn = properties.get(SchedulerLoop.PLACED_PROPERTY_PREFIX + record.taskName());
            if (!agent.equals(placedOn)) {
                continue;
            }
            Set<String> ids = idsByAgent.computeIfAbsent(agent, a -> new LinkedHashSet<>());
            ids.addAll(ReservationIds.of(info.getResourcesList()));
            ids.addAll(ReservationIds.of(info.getExecutor().getResourcesList()));
            hostnames.putIfAbsent(agent, NodeTaskInfos.hostname(info));
        }
        List<UninstallPlan.AgentReservations> agents = new ArrayList<>();
        idsByAgent.forEach((agent, ids) -> {
            if (!ids.isEmpty()) {
                agents.add(new UninstallPlan.AgentReservations(agent, hostnames.get(agent), ids));
            }
        });
        agents.sort(Comparator.comparing(UninstallPlan.AgentReservations::hostname)
                .thenComparing(UninstallPlan.AgentReservations::agentId));
        return List.copyOf(agents);
    }

    static Optional<TaskStatus> status(TaskRecord record) {
        return record.lastStatus().map(UninstallInventory::parseStatus);
    }

    static Optional<TaskState> state(TaskRecord record) {
        return status(record).map(TaskStatus::getState);
    }

    private static TaskStatus parseStatus(ByteString bytes) {
        try {
            return TaskStatus.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored TaskStatus cannot be read: " + e.getMessage(), e);
        }
    }
}
