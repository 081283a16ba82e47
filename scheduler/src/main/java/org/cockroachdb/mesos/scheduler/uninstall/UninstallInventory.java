package org.cockroachdb.mesos.scheduler.uninstall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Offer;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.loop.ForgottenReservations;
import org.cockroachdb.mesos.scheduler.loop.SchedulerLoop;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.offer.OrphanCollector;
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
     * reservations that do not exist, and waiting for their offer would wait forever. Reservations
     * the loop recorded outside its tasks ({@link ForgottenReservations}) count too.
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
        // Pods a scale-down forgot before their release, and agents replaced pods left: no task names
        // their reservations any more, but they are ours to release all the same.
        for (ForgottenReservations.OnAgent forgotten : ForgottenReservations.of(properties)) {
            idsByAgent.computeIfAbsent(forgotten.agentId(), a -> new LinkedHashSet<>()).addAll(forgotten.resourceIds());
            hostnames.putIfAbsent(forgotten.agentId(), forgotten.agentId());
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

    /**
     * The resource ids each agent of {@code agents} is known to hold that its offers in this batch no
     * longer carry: released (or never made). An ACCEPT that went out proves nothing, only an offer
     * without them does. Not while an executor of ours runs there: it holds its own reservations,
     * which are not offered; nor while a task may still run (the caller asks only once every task is
     * over).
     */
    static Map<String, Set<String>> goneFrom(List<Offer> offers, List<UninstallPlan.AgentReservations> agents) {
        Map<String, Set<String>> offeredByAgent = new TreeMap<>();
        Set<String> executorsRun = new HashSet<>();
        for (Offer offer : offers) {
            String agent = offer.getAgentId().getValue();
            offeredByAgent.computeIfAbsent(agent, a -> new LinkedHashSet<>())
                    .addAll(OrphanCollector.resourceIds(offer.getResourcesList()));
            if (offer.getExecutorIdsCount() > 0) {
                executorsRun.add(agent);
            }
        }
        Map<String, Set<String>> gone = new TreeMap<>();
        for (UninstallPlan.AgentReservations agent : agents) {
            Set<String> offered = offeredByAgent.get(agent.agentId());
            if (offered == null || executorsRun.contains(agent.agentId())) {
                continue;
            }
            Set<String> ids = new TreeSet<>(agent.resourceIds());
            ids.removeAll(offered);
            if (!ids.isEmpty()) {
                gone.put(agent.agentId(), ids);
            }
        }
        return gone;
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
