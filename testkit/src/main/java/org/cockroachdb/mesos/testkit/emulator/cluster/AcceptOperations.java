package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.MesosUuid;
import org.cockroachdb.mesos.testkit.emulator.resources.ReservationFormat;
import org.cockroachdb.mesos.testkit.emulator.resources.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACCEPT: the offers are checked as a whole (any bad offer fails the call), then the operations
 * run in order against a running pool, each failing on its own, as in Mesos's master.
 */
final class AcceptOperations {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptOperations.class);

    private final Cluster c;

    AcceptOperations(Cluster c) {
        this.c = c;
    }

    void accept(Framework f, Call.Accept call) {
        List<Allocation.Outstanding> offers = new ArrayList<>();
        String invalid = offersInvalidity(f, call.getOfferIdsList(), offers);
        if (invalid != null) {
            LOG.info("ACCEPT from {} with invalid offers: {}", f.id, invalid);
            offers.forEach(o -> c.allocation.offers.remove(o.offer().getId().getValue()));
            failWholeCall(f, call.getOperationsList(), invalid);
            return;
        }
        offers.forEach(o -> c.allocation.offers.remove(o.offer().getId().getValue()));
        Agent agent = offers.get(0).agent();
        String role = offers.get(0).role();
        Resources pool = Resources.empty();
        for (Allocation.Outstanding o : offers) {
            pool = pool.plus(o.resources());
        }
        for (Offer.Operation op : call.getOperationsList()) {
            try {
                pool = switch (op.getType()) {
                    case RESERVE -> reserve(f, agent, role, op.getReserve().getResourcesList(), pool, op);
                    case UNRESERVE -> unreserve(f, agent, role, op.getUnreserve().getResourcesList(), pool, op);
                    case CREATE -> create(f, agent, role, op.getCreate().getVolumesList(), pool, op);
                    case DESTROY -> destroy(f, agent, role, op.getDestroy().getVolumesList(), pool, op);
                    case LAUNCH -> launch(f, agent, role, op, pool);
                    case LAUNCH_GROUP -> launchGroup(f, agent, role, op, pool);
                    default -> throw new OperationFailure("Unsupported offer operation " + op.getType());
                };
            } catch (OperationFailure e) {
                LOG.info("{} operation from {} failed: {}", op.getType(), f.id, e.getMessage());
                if (op.hasId()) {
                    operationStatus(f, agent, op, role, OperationState.OPERATION_ERROR, e.getMessage(), List.of(), false);
                }
            } catch (RuntimeException e) {
                // a bug of the emulator's, not the caller's: Mesos still answers 202 and goes on
                LOG.error("{} operation from {} failed unexpectedly", op.getType(), f.id, e);
                failUnexpectedly(f, agent, role, op, "Internal error: " + e);
            }
        }
        c.allocation.refuse(f, offers.get(0), pool, call.hasFilters() ? call.getFilters() : null);
    }

    /** The operation's tasks that did not get launched get TASK_ERROR; an operation with an id OPERATION_ERROR. */
    private void failUnexpectedly(Framework f, Agent a, String role, Offer.Operation op, String why) {
        for (TaskInfo t : tasksOf(op)) {
            if (!a.tasks.containsKey(f.id + "/" + t.getTaskId().getValue())) {
                c.sendUpdate(f, Cluster.masterStatus(t.getTaskId(), AgentID.newBuilder().setValue(a.id).build(),
                        TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, why));
            }
        }
        if (op.hasId()) {
            operationStatus(f, a, op, role, OperationState.OPERATION_ERROR, why, List.of(), false);
        }
    }

    private static List<TaskInfo> tasksOf(Offer.Operation op) {
        return switch (op.getType()) {
            case LAUNCH -> op.getLaunch().getTaskInfosList();
            case LAUNCH_GROUP -> op.getLaunchGroup().getTaskGroup().getTasksList();
            default -> List.of();
        };
    }

    private String offersInvalidity(Framework f, List<OfferID> ids, List<Allocation.Outstanding> valid) {
        if (ids.isEmpty()) {
            return "No offers specified";
        }
        Set<String> seen = new HashSet<>();
        String problem = null;
        for (OfferID id : ids) {
            Allocation.Outstanding o = c.allocation.offers.get(id.getValue());
            if (!seen.add(id.getValue())) {
                problem = "Offer " + id.getValue() + " appears more than once";
            } else if (o == null) {
                problem = "Offer " + id.getValue() + " is no longer valid";
            } else if (o.framework() != f) {
                problem = "Offer " + id.getValue() + " is not for this framework";
            } else {
                valid.add(o);
            }
        }
        if (problem == null) {
            for (Allocation.Outstanding o : valid) {
                if (o.agent() != valid.get(0).agent()) {
                    problem = "Aggregated offers must belong to one agent";
                } else if (!o.role().equals(valid.get(0).role())) {
                    problem = "Aggregated offers must be allocated to the same role";
                }
            }
        }
        if (problem == null && !valid.get(0).agent().offerable()) {
            problem = "Agent " + valid.get(0).agent().id + " is not reachable";
        }
        return problem;
    }

    private void failWholeCall(Framework f, List<Offer.Operation> ops, String why) {
        for (Offer.Operation op : ops) {
            for (TaskInfo t : tasksOf(op)) {
                c.sendUpdate(f, Cluster.masterStatus(t.getTaskId(), t.hasAgentId() ? t.getAgentId() : null,
                        TaskState.TASK_DROPPED, TaskStatus.Reason.REASON_INVALID_OFFERS, why));
            }
            if (op.hasId()) {
                operationStatus(f, null, op, "*", OperationState.OPERATION_ERROR, why, List.of(), false);
            }
        }
    }

    /** Accepts either reservation format; the master fills in the offer's role for allocation. */
    @SuppressWarnings("deprecation") // detects the legacy Resource.role mixed with reservations[]
    private static Resource normalize(Resource r, String role) throws OperationFailure {
        String malformed = Resources.invalidity(r);
        if (malformed != null) {
            throw new OperationFailure(malformed);
        }
        if (r.hasAllocationInfo() && !r.getAllocationInfo().getRole().equals(role)) {
            throw new OperationFailure("Resource " + Resources.describe(r) + " is allocated to role '"
                    + r.getAllocationInfo().getRole() + "', not the offer's role '" + role + "'");
        }
        if (r.getReservationsCount() > 0 && (r.hasReservation() || (r.hasRole() && !r.getRole().equals("*")))) {
            throw new OperationFailure("Resource " + r.getName() + " mixes the pre- and post-refinement reservation formats");
        }
        return ReservationFormat.toStack(r).toBuilder().clearAllocationInfo().build();
    }

    /** The first malformed resource's problem, or null. */
    private static String malformed(List<Resource> resources) {
        return resources.stream().map(Resources::invalidity).filter(Objects::nonNull).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- RESERVE / UNRESERVE

    private Resources reserve(Framework f, Agent a, String role, List<Resource> resources, Resources pool,
                              Offer.Operation op) throws OperationFailure {
        Resources nextPool = pool;
        Resources nextTotal = a.total;
        List<Resource> converted = new ArrayList<>();
        for (Resource raw : resources) {
            Resource r = normalize(raw, role);
            if (r.getReservationsCount() == 0) {
                throw new OperationFailure("Invalid RESERVE operation: " + Resources.describe(r) + " has no reservation");
            }
            Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
            if (last.getType() != Resource.ReservationInfo.Type.DYNAMIC) {
                throw new OperationFailure("Invalid RESERVE operation: the reservation must be DYNAMIC");
            }
            if (last.getRole().equals("*") || !f.roles().contains(last.getRole())) {
                throw new OperationFailure("Invalid RESERVE operation: role '" + last.getRole()
                        + "' is not one of the framework's roles");
            }
            if (!last.getRole().equals(role)) {
                throw new OperationFailure("Invalid RESERVE operation: reservation role '" + last.getRole()
                        + "' does not match the allocation role '" + role + "'");
            }
            if (f.principal() != null && !f.principal().equals(last.getPrincipal())) {
                throw new OperationFailure("Invalid RESERVE operation: reservation principal '" + last.getPrincipal()
                        + "' does not match the framework principal '" + f.principal() + "'");
            }
            if (Resources.isPersistentVolume(r)) {
                throw new OperationFailure("Invalid RESERVE operation: a persistent volume cannot be reserved");
            }
            Resource source = ReservationFormat.popReservation(r);
            Optional<Resources> p = nextPool.minus(source);
            if (p.isEmpty()) {
                throw new OperationFailure("Invalid RESERVE operation: " + Resources.describe(source)
                        + " is not available in the offered resources " + nextPool);
            }
            nextPool = p.get().plus(r);
            nextTotal = nextTotal.minus(source).orElseThrow().plus(r);
            converted.add(r);
        }
        a.total = nextTotal;
        finished(f, a, op, role, converted);
        return nextPool;
    }

    private Resources unreserve(Framework f, Agent a, String role, List<Resource> resources, Resources pool,
                                Offer.Operation op) throws OperationFailure {
        Resources nextPool = pool;
        Resources nextTotal = a.total;
        List<Resource> converted = new ArrayList<>();
        for (Resource raw : resources) {
            Resource r = normalize(raw, role);
            if (r.getReservationsCount() == 0) {
                throw new OperationFailure("Invalid UNRESERVE operation: " + Resources.describe(r) + " is not reserved");
            }
            if (Resources.isPersistentVolume(r)) {
                throw new OperationFailure("Invalid UNRESERVE operation: a persistent volume cannot be unreserved;"
                        + " DESTROY it first");
            }
            if (r.getReservations(r.getReservationsCount() - 1).getType() != Resource.ReservationInfo.Type.DYNAMIC) {
                throw new OperationFailure("Invalid UNRESERVE operation: static reservations cannot be unreserved");
            }
            Optional<Resources> p = nextPool.minus(r);
            if (p.isEmpty()) {
                throw new OperationFailure("Invalid UNRESERVE operation: " + Resources.describe(r)
                        + " is not in the offered resources " + nextPool);
            }
            Resource popped = ReservationFormat.popReservation(r);
            nextPool = p.get().plus(popped);
            nextTotal = nextTotal.minus(r).orElseThrow().plus(popped);
            converted.add(popped);
        }
        a.total = nextTotal;
        finished(f, a, op, role, converted);
        return nextPool;
    }

    // ---------------------------------------------------------------- CREATE / DESTROY

    private Resources create(Framework f, Agent a, String role, List<Resource> volumes, Resources pool,
                             Offer.Operation op) throws OperationFailure {
        Resources nextPool = pool;
        Resources nextTotal = a.total;
        List<Resource> converted = new ArrayList<>();
        for (Resource raw : volumes) {
            Resource v = normalize(raw, role);
            if (!Resources.isPersistentVolume(v)) {
                throw new OperationFailure("Invalid CREATE operation: " + Resources.describe(v) + " is not a persistent volume");
            }
            Resource.DiskInfo disk = v.getDisk();
            String id = disk.getPersistence().getId();
            String bad = Ids.invalidity("Persistence ID", id);
            if (bad != null) {
                throw new OperationFailure("Invalid CREATE operation: " + bad);
            }
            if (!disk.hasVolume()) {
                throw new OperationFailure("Invalid CREATE operation: volume '" + id + "' has no 'volume' field");
            }
            if (disk.getVolume().getMode() != org.apache.mesos.v1.Protos.Volume.Mode.RW) {
                throw new OperationFailure("Invalid CREATE operation: read-only persistent volumes are not supported");
            }
            if (disk.getVolume().hasHostPath()) {
                throw new OperationFailure("Invalid CREATE operation: a persistent volume must not set 'host_path'");
            }
            String path = disk.getVolume().getContainerPath();
            if (path.isEmpty() || path.startsWith("/") || path.contains("/") || path.equals(".") || path.equals("..")) {
                throw new OperationFailure("Invalid CREATE operation: 'container_path' '" + path
                        + "' must be relative and not nested");
            }
            if (!ReservationFormat.isReserved(v)) {
                throw new OperationFailure("Invalid CREATE operation: persistent volumes require reserved disk");
            }
            if (v.hasShared()) {
                throw new OperationFailure("Invalid CREATE operation: shared volumes need the SHARED_RESOURCES capability");
            }
            if (f.principal() != null && !f.principal().equals(disk.getPersistence().getPrincipal())) {
                throw new OperationFailure("Invalid CREATE operation: volume principal '" + disk.getPersistence().getPrincipal()
                        + "' does not match the framework principal '" + f.principal() + "'");
            }
            String volumeRole = ReservationFormat.reservedRole(v);
            boolean taken = nextTotal.toList().stream().anyMatch(r -> Resources.isPersistentVolume(r)
                    && r.getDisk().getPersistence().getId().equals(id)
                    && ReservationFormat.reservedRole(r).equals(volumeRole));
            if (taken) {
                throw new OperationFailure("Invalid CREATE operation: persistence ID '" + id + "' is already in use");
            }
            Resource source = ReservationFormat.withoutVolume(v);
            Optional<Resources> p = nextPool.minus(source);
            if (p.isEmpty()) {
                throw new OperationFailure("Invalid CREATE operation: " + Resources.describe(source)
                        + " is not in the offered resources " + nextPool
                        + (Resources.isMountDisk(source) ? " (MOUNT disks can only be taken whole)" : ""));
            }
            nextPool = p.get().plus(v);
            nextTotal = nextTotal.minus(source).orElseThrow().plus(v);
            converted.add(v);
        }
        for (Resource v : converted) {
            try {
                Files.createDirectories(a.volumeDir(v));
            } catch (IOException e) {
                throw new OperationFailure("Failed to create the volume directory: " + e.getMessage());
            }
        }
        a.total = nextTotal;
        finished(f, a, op, role, converted);
        return nextPool;
    }

    private Resources destroy(Framework f, Agent a, String role, List<Resource> volumes, Resources pool,
                              Offer.Operation op) throws OperationFailure {
        Resources nextPool = pool;
        Resources nextTotal = a.total;
        List<Resource> converted = new ArrayList<>();
        List<Resource> destroyed = new ArrayList<>();
        for (Resource raw : volumes) {
            Resource v = normalize(raw, role);
            if (!Resources.isPersistentVolume(v)) {
                throw new OperationFailure("Invalid DESTROY operation: " + Resources.describe(v) + " is not a persistent volume");
            }
            String id = v.getDisk().getPersistence().getId();
            boolean inUse = a.tasks.values().stream().anyMatch(t -> t.holdsResources() && t.resources.toList().stream()
                    .anyMatch(r -> Resources.isPersistentVolume(r) && r.getDisk().getPersistence().getId().equals(id)));
            if (inUse) {
                throw new OperationFailure("Invalid DESTROY operation: persistent volume '" + id + "' is in use");
            }
            Optional<Resources> p = nextPool.minus(v);
            if (p.isEmpty()) {
                throw new OperationFailure("Invalid DESTROY operation: persistent volume " + Resources.describe(v)
                        + " is not in the offered resources");
            }
            Resource source = ReservationFormat.withoutVolume(v);
            nextPool = p.get().plus(source);
            nextTotal = nextTotal.minus(v).orElseThrow().plus(source);
            converted.add(source);
            destroyed.add(v);
        }
        for (Resource v : destroyed) {
            c.processes.discardVolume(a, a.volumeDir(v));
        }
        a.total = nextTotal;
        finished(f, a, op, role, converted);
        return nextPool;
    }

    // ---------------------------------------------------------------- LAUNCH / LAUNCH_GROUP

    private Resources launch(Framework f, Agent a, String role, Offer.Operation op, Resources pool) {
        Resources next = pool;
        for (TaskInfo task : op.getLaunch().getTaskInfosList()) {
            try {
                if (op.hasId()) {
                    throw new OperationFailure("An 'id' cannot be set on a LAUNCH operation");
                }
                next = launchOne(f, a, role, task, next, null);
            } catch (OperationFailure e) {
                LOG.info("task {} of {} is invalid: {}", task.getTaskId().getValue(), f.id, e.getMessage());
                c.sendUpdate(f, Cluster.masterStatus(task.getTaskId(), AgentID.newBuilder().setValue(a.id).build(),
                        TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, e.getMessage()));
            }
        }
        return next;
    }

    /** A task that passed the master's checks, and what launching it takes from the pool. */
    private record CheckedTask(TaskInfo stored, ExecutorInfo executorInfo, Executor existing, List<Resource> taskResources,
                               List<Resource> executorResources, Resources left) {}

    private Resources launchOne(Framework f, Agent a, String role, TaskInfo task, Resources pool,
                                ExecutorInfo groupExecutor) throws OperationFailure {
        CheckedTask t = check(f, a, role, task, pool, groupExecutor, false);
        c.processes.launch(f, a, t.stored(), t.executorInfo(), t.existing(), Resources.of(t.taskResources()),
                Resources.of(t.executorResources()));
        return t.left();
    }

    /**
     * Every check LAUNCH and LAUNCH_GROUP make on one task, without side effects. A group is
     * checked as a whole before any of it launches, so its executor is charged once, with the
     * first task ({@code executorCharged} for the others).
     */
    private CheckedTask check(Framework f, Agent a, String role, TaskInfo task, Resources pool,
                              ExecutorInfo groupExecutor, boolean executorCharged) throws OperationFailure {
        String bad = Ids.invalidity("Task ID", task.getTaskId().getValue());
        if (bad != null) {
            throw new OperationFailure(bad);
        }
        if (c.taskIdInUse(f, task.getTaskId().getValue())) {
            throw new OperationFailure("Task has duplicate ID: " + task.getTaskId().getValue());
        }
        if (!task.getAgentId().getValue().equals(a.id)) {
            throw new OperationFailure("Task uses agent ID " + task.getAgentId().getValue()
                    + " but the offer is for agent " + a.id);
        }
        if (task.getResourcesCount() == 0) {
            throw new OperationFailure("Task uses no resources");
        }
        if (groupExecutor == null && task.hasCommand() == task.hasExecutor()) {
            throw new OperationFailure("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
        }
        List<Resource> taskResources = new ArrayList<>();
        for (Resource r : task.getResourcesList()) {
            taskResources.add(normalize(r, role));
        }
        Set<String> roles = new HashSet<>();
        taskResources.forEach(r -> roles.add(ReservationFormat.isReserved(r) ? ReservationFormat.reservedRole(r) : role));
        if (roles.size() > 1) {
            throw new OperationFailure("Task uses resources of more than one role: " + roles);
        }
        ExecutorInfo executorInfo = groupExecutor;
        if (executorInfo == null && task.hasExecutor()) {
            executorInfo = task.getExecutor().toBuilder()
                    .setFrameworkId(FrameworkID.newBuilder().setValue(f.id)).build();
        } else if (groupExecutor != null && task.hasExecutor() && !task.getExecutor().equals(groupExecutor)) {
            throw new OperationFailure("The task's ExecutorInfo differs from the task group's executor");
        }
        List<Resource> required = new ArrayList<>(taskResources);
        Executor existing = null;
        if (executorInfo != null) {
            String badExec = Ids.invalidity("Executor ID", executorInfo.getExecutorId().getValue());
            if (badExec != null) {
                throw new OperationFailure(badExec);
            }
            if (executorInfo.getType() != ExecutorInfo.Type.DEFAULT && !executorInfo.hasCommand()) {
                throw new OperationFailure("'ExecutorInfo.command' must be set for 'CUSTOM' executor");
            }
            existing = a.executors.get(f.id + "/" + executorInfo.getExecutorId().getValue());
            if (existing != null && existing.terminated) {
                existing = null;
            }
            if (existing != null && !existing.info.equals(executorInfo)) {
                throw new OperationFailure("ExecutorInfo is not compatible with ExecutorInfo of existing executor "
                        + executorInfo.getExecutorId().getValue());
            }
            if (existing == null && !executorCharged) {
                for (Resource r : executorInfo.getResourcesList()) {
                    required.add(normalize(r, role));
                }
            }
        }
        Optional<Resources> left = pool.minus(required);
        if (left.isEmpty()) {
            throw new OperationFailure("Total resources " + Resources.of(required)
                    + " required by task and its executor is more than available " + pool);
        }
        TaskInfo stored = task;
        if (task.hasExecutor()) {
            stored = task.toBuilder().setExecutor(task.getExecutor().toBuilder()
                    .setFrameworkId(FrameworkID.newBuilder().setValue(f.id))).build();
        }
        return new CheckedTask(stored, executorInfo, existing, taskResources,
                List.copyOf(required.subList(taskResources.size(), required.size())), left.get());
    }

    private Resources launchGroup(Framework f, Agent a, String role, Offer.Operation op, Resources pool)
            throws OperationFailure {
        Offer.Operation.LaunchGroup group = op.getLaunchGroup();
        ExecutorInfo executor = group.getExecutor();
        String why = null;
        if (!executor.hasType()) {
            why = "'ExecutorInfo.type' must be set for a task group";
        } else if (executor.getType() == ExecutorInfo.Type.DEFAULT && executor.hasCommand()) {
            why = "'ExecutorInfo.command' must not be set for 'DEFAULT' executor";
        } else if (!executor.hasFrameworkId()) {
            why = "'ExecutorInfo.framework_id' must be set";
        } else if (!executor.getFrameworkId().getValue().equals(f.id)) {
            why = "ExecutorInfo has an invalid FrameworkID";
        } else if (malformed(executor.getResourcesList()) != null) {
            why = malformed(executor.getResourcesList());
        } else if (a.executors.get(f.id + "/" + executor.getExecutorId().getValue()) == null) {
            Resources r = Resources.of(executor.getResourcesList());
            if (r.scalar("cpus") < 0.01 || r.scalar("mem") < 32 || r.scalar("disk") <= 0) {
                why = "Executor resources must include cpus >= 0.01, mem >= 32 and disk";
            }
        }
        if (group.getTaskGroup().getTasksCount() == 0) {
            why = "Task group is empty";
        }
        Resources next = pool;
        if (why == null) {
            try {
                Set<String> ids = new HashSet<>();
                for (TaskInfo t : group.getTaskGroup().getTasksList()) {
                    if (!ids.add(t.getTaskId().getValue())) {
                        throw new OperationFailure("Task group has duplicate task ID " + t.getTaskId().getValue());
                    }
                    next = launchOneDryRun(f, a, role, t, next, executor, ids.size() > 1);
                }
            } catch (OperationFailure e) {
                why = e.getMessage();
            }
        }
        if (why != null) {
            for (TaskInfo t : group.getTaskGroup().getTasksList()) {
                c.sendUpdate(f, Cluster.masterStatus(t.getTaskId(), AgentID.newBuilder().setValue(a.id).build(),
                        TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_GROUP_INVALID, why));
            }
            return pool;
        }
        Resources running = pool;
        List<Task> launched = new ArrayList<>();
        for (TaskInfo t : group.getTaskGroup().getTasksList()) {
            running = launchOne(f, a, role, t, running, executor);
            launched.add(a.tasks.get(f.id + "/" + t.getTaskId().getValue()));
        }
        c.processes.grouped(launched);
        return running;
    }

    /** Validates a group member against the pool without launching anything. */
    private Resources launchOneDryRun(Framework f, Agent a, String role, TaskInfo task, Resources pool,
                                      ExecutorInfo executor, boolean executorCharged) throws OperationFailure {
        if (executor.getType() == ExecutorInfo.Type.DEFAULT && !task.hasCommand()) {
            throw new OperationFailure("Task " + task.getTaskId().getValue() + " needs a command for the DEFAULT executor");
        }
        return check(f, a, role, task, pool, executor, executorCharged).left();
    }

    // ---------------------------------------------------------------- operation feedback

    private void finished(Framework f, Agent a, Offer.Operation op, String role, List<Resource> converted) {
        if (op.hasId()) {
            operationStatus(f, a, op, role, OperationState.OPERATION_FINISHED, null, converted, true);
        }
    }

    private void operationStatus(Framework f, Agent a, Offer.Operation op, String role, OperationState state,
                                 String message, List<Resource> converted, boolean fromAgent) {
        OperationStatus.Builder s = OperationStatus.newBuilder().setOperationId(op.getId()).setState(state);
        if (message != null) {
            s.setMessage(message);
        }
        converted.forEach(r -> s.addConvertedResources(Allocation.toFramework(f, role, r)));
        if (fromAgent) {
            s.setAgentId(AgentID.newBuilder().setValue(a.id))
                    .setUuid(org.apache.mesos.v1.Protos.UUID.newBuilder().setValue(MesosUuid.random()));
            f.unackedOperations.put(s.getUuid().getValue(), s.build());
        }
        c.send(f, Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(s)).build());
    }
}
