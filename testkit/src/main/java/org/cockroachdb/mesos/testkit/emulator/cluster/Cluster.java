package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Address;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.MesosUuid;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.SchedulerTraffic;
import org.cockroachdb.mesos.testkit.emulator.http.Encoding;
import org.cockroachdb.mesos.testkit.emulator.http.StreamSink;
import org.cockroachdb.mesos.testkit.emulator.resources.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulated master and its agents: one state machine driven by one thread, like a libprocess
 * actor. HTTP handlers, timers, child-process exits and fault injection all hop onto {@link #loop}.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    static final String VERSION = "1.11.0";

    final EmulatorConfig config;
    final ScheduledExecutorService loop;
    final Ids ids = new Ids();
    final Map<String, Framework> frameworks = new LinkedHashMap<>();
    final Set<String> removedFrameworks = new HashSet<>();
    final List<Agent> agents = new ArrayList<>();
    final Allocation allocation;
    final AcceptOperations accept;
    final Processes processes;
    final ExecutorChannel executorChannel;
    final Faults faults = new Faults();
    String masterId;
    final String masterHost = "127.0.0.1";
    final int masterPort;
    volatile Leadership leadership = Leadership.leader();
    private ScheduledFuture<?> allocationTimer;
    private final List<Runnable> leaderChangeListeners = new ArrayList<>();

    /** How this master answers: leading, redirecting to another, or knowing no leader. */
    public record Leadership(boolean leading, Optional<String> leaderHostPort) {
        public static Leadership leader() {
            return new Leadership(true, Optional.empty());
        }

        public static Leadership notLeader(String hostPort) {
            return new Leadership(false, Optional.of(hostPort));
        }

        public static Leadership none() {
            return new Leadership(false, Optional.empty());
        }
    }

    /** Switches for injected faults that the normal paths consult. */
    static final class Faults {
        Duration updateDelay = Duration.ZERO;
        boolean duplicateUpdates;
        int acceptsToDrop;
        int killsToDrop;
    }

    /** {@code masterPort}: where the master's HTTP connector is already bound. */
    /** Who watches the traffic with schedulers; called on the loop, so they must be quick. */
    private final List<Consumer<SchedulerTraffic>> trafficWatchers =
            new CopyOnWriteArrayList<>();

    public void watchTraffic(Consumer<SchedulerTraffic> watcher) {
        trafficWatchers.add(watcher);
    }

    private static List<String> launchedTaskIds(Call.Accept accept) {
        List<String> ids = new ArrayList<>();
        for (var operation : accept.getOperationsList()) {
            operation.getLaunch().getTaskInfosList().forEach(t -> ids.add(t.getTaskId().getValue()));
            operation.getLaunchGroup().getTaskGroup().getTasksList().forEach(t -> ids.add(t.getTaskId().getValue()));
        }
        return ids;
    }

    private void observe(Framework f, SchedulerTraffic.Kind kind,
                         List<String> taskIds, TaskStatus status) {
        if (trafficWatchers.isEmpty()) {
            return;
        }
        var traffic = new SchedulerTraffic(Instant.now(), f.id, kind,
                taskIds, Optional.ofNullable(status));
        trafficWatchers.forEach(w -> w.accept(traffic));
    }

    public Cluster(EmulatorConfig config, int masterPort) {
        this.config = config;
        this.masterPort = masterPort;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "emulator-loop");
            t.setDaemon(true);
            return t;
        });
        this.masterId = UUID.randomUUID().toString();
        this.allocation = new Allocation(this);
        this.accept = new AcceptOperations(this);
        this.processes = new Processes(this);
        this.executorChannel = new ExecutorChannel(this);
        for (int i = 0; i < config.agents().size(); i++) {
            AgentSpec spec = config.agents().get(i);
            Path dir = config.workDir().resolve("agent-" + i);
            agents.add(new Agent(i, spec, masterId + "-S" + i, dir, Resources.of(AgentResources.of(spec))));
        }
    }

    /** Starts allocating. */
    public void start() {
        long every = config.allocationInterval().toMillis();
        allocationTimer = loop.scheduleWithFixedDelay(() -> guarded(allocation::allocate), every, every, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- the loop

    /** Runs {@code work} on the loop and waits for its result. */
    public <T> T call(Callable<T> work) {
        try {
            return loop.submit(work).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("emulator loop did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Queues {@code work} on the loop; false if the emulator is closing and it will never run. */
    boolean later(Runnable work) {
        try {
            loop.execute(() -> guarded(work));
            return true;
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return false; // late callbacks from processes and sockets are dropped
        }
    }

    /** A timer on the loop; once the emulator is closed it never fires. */
    ScheduledFuture<?> after(Duration delay, Runnable work) {
        try {
            return loop.schedule(() -> guarded(work), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            return InertTimer.INSTANCE;
        }
    }

    private static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("emulator loop task failed", e);
        }
    }

    @Override
    public void close() {
        try {
            call(() -> {
                if (allocationTimer != null) {
                    allocationTimer.cancel(false);
                }
                for (Framework f : frameworks.values()) {
                    if (f.stream != null) {
                        f.stream.close();
                    }
                }
                for (Agent a : agents) {
                    for (Executor e : a.executors.values()) {
                        processes.destroy(e);
                    }
                    for (Task t : a.tasks.values()) {
                        processes.destroyCommand(t);
                    }
                }
                return null;
            });
        } finally {
            loop.shutdownNow();
            processes.close();
        }
    }

    // ---------------------------------------------------------------- identities

    public String masterId() {
        return masterId;
    }

    /** Runs on the loop (the master id changes on failover). */
    public MasterInfo masterInfo() {
        return MasterInfo.newBuilder()
                .setId(masterId)
                .setIp(0x0100007f) // 127.0.0.1 in network order, as Mesos fills it
                .setPort(masterPort)
                .setPid("master@" + masterHost + ":" + masterPort)
                .setHostname(masterHost)
                .setVersion(VERSION)
                .setAddress(Address.newBuilder().setHostname(masterHost).setIp(masterHost).setPort(masterPort))
                .build();
    }

    public List<AgentAddress> agentAddresses() {
        return agents.stream().map(a -> new AgentAddress(a.index, a.id, a.spec.hostname(), a.endpoint, a.workDir)).toList();
    }

    /** Where an agent is: its id, its executor API and its work directory. */
    public record AgentAddress(int index, String id, String hostname, java.net.URI endpoint, Path workDir) {}

    public org.cockroachdb.mesos.testkit.emulator.EmulatorState snapshot() {
        return Snapshots.of(this);
    }

    /** The agent's executor API is listening (again) on this port. */
    public void agentListening(int index, int port) {
        Agent a = agents.get(index);
        a.port = port;
        a.endpoint = java.net.URI.create("http://" + a.spec.hostname() + ":" + port);
    }

    public ExecutorChannel executorChannel() {
        return executorChannel;
    }

    /** Fault injection: rescind one offer by id, or all of a framework's offers when offerId is null. */
    public int rescindOffers(String frameworkId, String offerId) {
        return allocation.rescindForFault(frameworkId, offerId);
    }

    /** Fault injection: SIGKILL an executor process (a crash). */
    public boolean crashExecutor(String frameworkId, String executorId) {
        for (Agent a : agents) {
            Executor e = a.executors.get(frameworkId + "/" + executorId);
            if (e != null && e.process != null) {
                e.process.destroyForcibly();
                return true;
            }
        }
        return false;
    }

    public void onLeaderChange(Runnable listener) {
        leaderChangeListeners.add(listener);
    }

    // ---------------------------------------------------------------- scheduler events

    void send(Framework f, Event event) {
        if (f.connected && f.stream != null && f.stream.isOpen()) {
            f.stream.send(f.encoding.encode(event));
        }
    }

    void sendUpdate(Framework f, TaskStatus status) {
        TaskStatus mapped = forFramework(f, status);
        observe(f, SchedulerTraffic.Kind.UPDATE,
                List.of(mapped.getTaskId().getValue()), mapped);
        Event event = Event.newBuilder().setType(Event.Type.UPDATE)
                .setUpdate(Event.Update.newBuilder().setStatus(mapped)).build();
        Runnable deliver = () -> {
            send(f, event);
            if (faults.duplicateUpdates) {
                send(f, event);
            }
        };
        if (faults.updateDelay.isZero()) {
            deliver.run();
        } else {
            after(faults.updateDelay, deliver);
        }
    }

    /** Frameworks without PARTITION_AWARE see every lost-like state as TASK_LOST. */
    static TaskStatus forFramework(Framework f, TaskStatus status) {
        if (f.partitionAware()) {
            return status;
        }
        return switch (status.getState()) {
            case TASK_UNREACHABLE, TASK_GONE, TASK_GONE_BY_OPERATOR, TASK_DROPPED, TASK_UNKNOWN ->
                    status.toBuilder().setState(TaskState.TASK_LOST).build();
            default -> status;
        };
    }

    static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** An update generated by the master: SOURCE_MASTER and never a uuid (never to be acked). */
    static TaskStatus masterStatus(TaskID taskId, AgentID agentId, TaskState state, TaskStatus.Reason reason, String message) {
        TaskStatus.Builder b = TaskStatus.newBuilder().setTaskId(taskId).setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(reason).setTimestamp(now());
        if (agentId != null) {
            b.setAgentId(agentId);
        }
        if (message != null) {
            b.setMessage(message);
        }
        return b.build();
    }

    // ---------------------------------------------------------------- SUBSCRIBE

    /** Opens (or refuses on the stream) a scheduler subscription. Runs on the loop. */
    public void subscribe(Call call, Encoding encoding, StreamSink sink, String streamId) {
        FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
        String error = FrameworkValidation.invalidity(info, call.getSubscribe().getSuppressedRolesList());
        String requestedId = info.hasId() ? info.getId().getValue() : null;
        if (error == null && requestedId != null && removedFrameworks.contains(requestedId)) {
            error = "Framework has been removed";
        }
        Framework f = requestedId == null ? null : frameworks.get(requestedId);
        if (error == null && f != null && !Objects.equals(f.principal(), info.hasPrincipal() ? info.getPrincipal() : null)) {
            error = "Changing framework's principal is not allowed.";
        }
        if (error != null) {
            LOG.info("refusing SUBSCRIBE: {}", error);
            sink.send(encoding.encode(Event.newBuilder().setType(Event.Type.ERROR)
                    .setError(Event.Error.newBuilder().setMessage(error)).build()));
            sink.close();
            return;
        }
        if (f == null) {
            String id = requestedId != null ? requestedId : ids.nextFramework(masterId);
            f = new Framework(id, info.toBuilder().setId(FrameworkID.newBuilder().setValue(id)).build());
            frameworks.put(id, f);
            LOG.info("framework {} ({}) registered", id, info.getName());
        } else {
            if (f.stream != null && f.stream.isOpen()) {
                Framework old = f;
                StreamSink oldStream = f.stream;
                oldStream.send(old.encoding.encode(Event.newBuilder().setType(Event.Type.ERROR)
                        .setError(Event.Error.newBuilder().setMessage("Framework failed over")).build()));
                oldStream.onClosed(() -> {});
                oldStream.close();
            }
            // user and checkpoint are immutable; a re-subscribe silently keeps the old values
            f.info = info.toBuilder().setId(FrameworkID.newBuilder().setValue(f.id))
                    .setUser(f.info.getUser()).setCheckpoint(f.info.getCheckpoint()).build();
            LOG.info("framework {} re-subscribed", f.id);
        }
        if (f.failoverTimer != null) {
            f.failoverTimer.cancel(false);
            f.failoverTimer = null;
        }
        if (f.heartbeat != null) {
            f.heartbeat.cancel(false);
        }
        f.suppressedRoles.clear();
        f.suppressedRoles.addAll(call.getSubscribe().getSuppressedRolesList());
        allocation.dropOffersOf(f); // invalidated without RESCIND
        allocation.dropFiltersOf(f);
        f.stream = sink;
        f.streamId = streamId;
        f.encoding = encoding;
        f.connected = true;
        f.heartbeatsStopped = false;
        Framework subscribed = f;
        sink.onClosed(() -> later(() -> disconnected(subscribed, sink)));
        send(f, Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setFrameworkId(FrameworkID.newBuilder().setValue(f.id))
                .setHeartbeatIntervalSeconds(config.heartbeatInterval().toMillis() / 1000.0)
                .setMasterInfo(masterInfo())).build());
        heartbeat(f);
        long every = config.heartbeatInterval().toMillis();
        f.heartbeat = loop.scheduleAtFixedRate(() -> guarded(() -> heartbeat(subscribed)), every, every, TimeUnit.MILLISECONDS);
        // agents resend every unacknowledged update right away
        for (Agent a : agents) {
            for (Task t : a.tasks.values()) {
                if (t.framework == f && !t.pendingUpdates.isEmpty()) {
                    forwardHead(t, true);
                }
            }
        }
        for (OperationStatus s : f.unackedOperations.values()) {
            send(f, Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                    .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(s)).build());
        }
        later(allocation::allocate);
    }

    private void heartbeat(Framework f) {
        if (!f.heartbeatsStopped) {
            send(f, Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
        }
    }

    private void disconnected(Framework f, StreamSink sink) {
        if (f.stream != sink || !frameworks.containsKey(f.id)) {
            return; // an older stream of a framework that has since re-subscribed
        }
        LOG.info("framework {} disconnected; failover timeout {} s", f.id, f.info.getFailoverTimeout());
        f.connected = false;
        f.stream = null;
        if (f.heartbeat != null) {
            f.heartbeat.cancel(false);
        }
        allocation.dropOffersOf(f);
        Duration timeout = Duration.ofMillis((long) (f.info.getFailoverTimeout() * 1000));
        f.failoverTimer = after(timeout, () -> {
            if (!f.connected && frameworks.containsKey(f.id)) {
                LOG.info("framework {} failover timeout expired", f.id);
                removeFramework(f);
            }
        });
    }

    /** TEARDOWN or an expired failover timeout: kill everything, retire the ID. */
    void removeFramework(Framework f) {
        frameworks.remove(f.id);
        removedFrameworks.add(f.id);
        if (f.failoverTimer != null) {
            f.failoverTimer.cancel(false);
        }
        if (f.heartbeat != null) {
            f.heartbeat.cancel(false);
        }
        allocation.dropOffersOf(f);
        allocation.dropFiltersOf(f);
        for (Agent a : agents) {
            for (Task t : List.copyOf(a.tasks.values())) {
                if (t.framework == f) {
                    processes.destroyCommand(t);
                    forget(t);
                }
            }
            for (Executor e : List.copyOf(a.executors.values())) {
                if (e.framework == f) {
                    processes.shutdown(e);
                }
            }
        }
        if (f.stream != null) {
            StreamSink s = f.stream;
            f.stream = null;
            f.connected = false;
            s.close();
        }
    }

    // ---------------------------------------------------------------- other calls

    /** Every call but SUBSCRIBE, after HTTP-level validation. Runs on the loop. */
    public Answer handle(Call call, String streamId) {
        String fid = call.getFrameworkId().getValue();
        Framework f = frameworks.get(fid);
        if (f == null) {
            return Answer.badRequest("Framework cannot be found");
        }
        if (!f.connected) {
            return Answer.forbidden("Framework is not subscribed");
        }
        if (streamId == null) {
            return Answer.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
        }
        if (!streamId.equals(f.streamId)) {
            return Answer.badRequest("The stream ID '" + streamId + "' included in this request didn't match the"
                    + " stream ID currently associated with framework ID " + fid);
        }
        switch (call.getType()) {
            case TEARDOWN -> removeFramework(f);
            case ACCEPT -> {
                if (faults.acceptsToDrop > 0) {
                    faults.acceptsToDrop--;
                    LOG.info("fault: dropping ACCEPT from {}", fid);
                } else {
                    observe(f, SchedulerTraffic.Kind.LAUNCH, launchedTaskIds(call.getAccept()), null);
                    accept.accept(f, call.getAccept());
                }
            }
            case DECLINE -> allocation.decline(f, call.getDecline().getOfferIdsList(),
                    call.getDecline().hasFilters() ? call.getDecline().getFilters() : null);
            case REVIVE -> allocation.revive(f, call.getRevive().getRolesList());
            case SUPPRESS -> allocation.suppress(f, call.getSuppress().getRolesList());
            case KILL -> {
                if (faults.killsToDrop > 0) {
                    faults.killsToDrop--;
                    LOG.info("fault: dropping KILL of {} from {}", call.getKill().getTaskId().getValue(), fid);
                    return Answer.ACCEPTED;
                }
                observe(f, SchedulerTraffic.Kind.KILL,
                        List.of(call.getKill().getTaskId().getValue()), null);
                kill(f, call.getKill().getTaskId(),
                    call.getKill().hasAgentId() ? call.getKill().getAgentId() : null,
                    call.getKill().hasKillPolicy() ? call.getKill().getKillPolicy() : null);
            }
            case SHUTDOWN -> shutdownExecutor(f, call.getShutdown().getExecutorId(), call.getShutdown().getAgentId());
            case ACKNOWLEDGE -> acknowledge(f, call.getAcknowledge()); // uuid already checked (400) by the endpoint
            case ACKNOWLEDGE_OPERATION_STATUS -> f.unackedOperations.remove(call.getAcknowledgeOperationStatus().getUuid());
            case RECONCILE -> reconcile(f, call.getReconcile());
            case RECONCILE_OPERATIONS -> reconcileOperations(f, call.getReconcileOperations());
            case MESSAGE -> message(f, call.getMessage());
            case REQUEST, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS -> {
                // ignored by the built-in allocator; inverse offers are maintenance only
            }
            case UPDATE_FRAMEWORK -> {
                return updateFramework(f, call.getUpdateFramework());
            }
            default -> {
                return Answer.badRequest("Unsupported call type " + call.getType());
            }
        }
        return Answer.ACCEPTED;
    }

    private Answer updateFramework(Framework f, Call.UpdateFramework update) {
        FrameworkInfo info = update.getFrameworkInfo();
        if (!info.hasId() || !info.getId().getValue().equals(f.id)) {
            return Answer.badRequest("'framework_info.id' must equal the call's 'framework_id'");
        }
        String error = FrameworkValidation.invalidity(info, update.getSuppressedRolesList());
        if (error != null) {
            return Answer.badRequest(error);
        }
        if (!Objects.equals(f.principal(), info.hasPrincipal() ? info.getPrincipal() : null)) {
            return Answer.badRequest("Updating 'FrameworkInfo.principal' is unsupported");
        }
        if (!f.info.getUser().equals(info.getUser())) {
            return Answer.badRequest("Updating 'FrameworkInfo.user' is unsupported");
        }
        if (f.info.getCheckpoint() != info.getCheckpoint()) {
            return Answer.badRequest("Updating 'FrameworkInfo.checkpoint' is unsupported");
        }
        Set<String> before = new HashSet<>(f.roles());
        f.info = info;
        Set<String> removed = new HashSet<>(before);
        removed.removeAll(f.roles());
        allocation.rescindOffersForRoles(f, removed);
        Set<String> unsuppressed = new HashSet<>(f.suppressedRoles);
        unsuppressed.removeAll(update.getSuppressedRolesList());
        f.suppressedRoles.clear();
        f.suppressedRoles.addAll(update.getSuppressedRolesList());
        allocation.dropFiltersOf(f, unsuppressed);
        return Answer.OK;
    }

    private void message(Framework f, Call.Message m) {
        Agent a = agentById(m.getAgentId().getValue());
        if (a == null || !a.reachable()) {
            return; // best effort
        }
        Executor e = a.executors.get(f.id + "/" + m.getExecutorId().getValue());
        if (e != null) {
            e.send(org.apache.mesos.v1.executor.Protos.Event.newBuilder()
                    .setType(org.apache.mesos.v1.executor.Protos.Event.Type.MESSAGE)
                    .setMessage(org.apache.mesos.v1.executor.Protos.Event.Message.newBuilder().setData(m.getData()))
                    .build());
        }
    }

    private void shutdownExecutor(Framework f, ExecutorID executorId, AgentID agentId) {
        Agent a = agentById(agentId.getValue());
        if (a == null) {
            return;
        }
        Executor e = a.executors.get(f.id + "/" + executorId.getValue());
        if (e != null) {
            processes.shutdown(e);
        }
    }

    // ---------------------------------------------------------------- lookups

    Agent agentById(String id) {
        for (Agent a : agents) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    /** A task the master currently knows (agents awaiting re-registration hide theirs). */
    Task knownTask(Framework f, String taskId) {
        for (Agent a : agents) {
            if (a.awaitingReregistration) {
                continue;
            }
            Task t = a.tasks.get(f.id + "/" + taskId);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    boolean taskIdInUse(Framework f, String taskId) {
        for (Agent a : agents) {
            Task t = a.tasks.get(f.id + "/" + taskId);
            if (t != null) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- status updates

    /**
     * An update arrives at the agent (from the executor, or generated by the agent): it is stored
     * in the task's stream; the master learns the latest state at once; the stream forwards one
     * update at a time until the scheduler acknowledges its uuid.
     */
    void agentUpdate(Task t, TaskStatus status) {
        if (!t.agent.tasks.containsKey(t.key())) {
            return; // the task is already forgotten
        }
        if (status.hasUuid() && t.seenUuids.contains(status.getUuid())) {
            return; // duplicate
        }
        if (Task.terminal(t.agentState)) {
            return; // a terminal update closed the task's stream (e.g. a command spawned after its KILL)
        }
        TaskStatus.Builder b = status.toBuilder()
                .setAgentId(AgentID.newBuilder().setValue(t.agent.id))
                .setTimestamp(now());
        if (!status.hasUuid()) {
            b.setUuid(MesosUuid.random());
        }
        if (t.executor != null && !b.hasExecutorId()) {
            b.setExecutorId(t.executor.info.getExecutorId());
        }
        TaskStatus stored = b.build();
        t.seenUuids.add(stored.getUuid());
        t.agentState = stored.getState();
        t.pendingUpdates.add(stored);
        if (Task.terminal(stored.getState()) && t.agent.reachable()) {
            t.state = stored.getState(); // latest_state: resources come back before the ack
        }
        if (t.pendingUpdates.size() == 1) {
            forwardHead(t, true);
        }
        if (Task.terminal(stored.getState()) && t.executor != null && t.executor.builtin) {
            processes.builtinTaskEnded(t.executor);
        }
    }

    /** Sends the head of a task's stream to the master (and on to the scheduler), with retries. */
    void forwardHead(Task t, boolean resetBackoff) {
        if (t.retry != null) {
            t.retry.cancel(false);
            t.retry = null;
        }
        TaskStatus head = t.pendingUpdates.peek();
        if (head == null) {
            return;
        }
        if (resetBackoff) {
            t.retryMillis = config.statusUpdateRetryInterval().toMillis();
        }
        if (t.agent.reachable()) {
            // every forwarded update carries the agent's latest_state, which the master keeps
            t.state = Task.terminal(t.state) ? t.state : t.agentState;
            t.lastStatus = head;
            sendUpdate(t.framework, head);
        }
        long wait = t.retryMillis;
        t.retryMillis = Math.min(t.retryMillis * 2, Duration.ofMinutes(10).toMillis());
        t.retry = after(Duration.ofMillis(wait), () -> forwardHead(t, false));
    }

    private void acknowledge(Framework f, Call.Acknowledge ack) {
        Agent a = agentById(ack.getAgentId().getValue());
        if (a == null || !a.reachable()) {
            return;
        }
        Task t = a.tasks.get(f.id + "/" + ack.getTaskId().getValue());
        if (t == null) {
            return;
        }
        TaskStatus head = t.pendingUpdates.peek();
        if (head == null || !head.getUuid().equals(ack.getUuid())) {
            return; // acks for other uuids are ignored
        }
        t.pendingUpdates.poll();
        if (t.retry != null) {
            t.retry.cancel(false);
            t.retry = null;
        }
        if (Task.terminal(head.getState())) {
            forget(t);
            return;
        }
        forwardHead(t, true);
    }

    void forget(Task t) {
        if (t.retry != null) {
            t.retry.cancel(false);
        }
        t.agent.tasks.remove(t.key());
        if (t.executor != null) {
            t.executor.queued.remove(t);
        }
    }

    // ---------------------------------------------------------------- kill

    private void kill(Framework f, TaskID taskId, AgentID agentId, KillPolicy policy) {
        Task t = knownTask(f, taskId.getValue());
        if (t == null) {
            // an unknown task is answered as an explicit reconciliation would answer it
            Call.Reconcile.Task.Builder r = Call.Reconcile.Task.newBuilder().setTaskId(taskId);
            if (agentId != null) {
                r.setAgentId(agentId);
            }
            reconcile(f, Call.Reconcile.newBuilder().addTasks(r).build());
            return;
        }
        if (Task.terminal(t.agentState)) {
            return;
        }
        if (!t.agent.reachable()) {
            t.agent.pendingKills.add(new Agent.PendingKill(f.id, taskId, policy));
            return;
        }
        killAtAgent(t, policy);
    }

    void killAtAgent(Task t, KillPolicy policy) {
        if (t.builtin) {
            processes.killCommand(t, policy);
            return;
        }
        if (!t.sentToExecutor) {
            // a queued task group is launched whole or not at all: the agent kills every member
            for (Task member : t.group.isEmpty() ? List.of(t) : t.group) {
                if (member.sentToExecutor || Task.terminal(member.agentState)) {
                    continue;
                }
                member.executor.queued.remove(member);
                agentUpdate(member, TaskStatus.newBuilder().setTaskId(member.info.getTaskId())
                        .setState(TaskState.TASK_KILLED).setSource(TaskStatus.Source.SOURCE_AGENT)
                        .setReason(TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH)
                        .setMessage("Killed before delivery to the executor").build());
            }
            return;
        }
        org.apache.mesos.v1.executor.Protos.Event.Kill.Builder k =
                org.apache.mesos.v1.executor.Protos.Event.Kill.newBuilder().setTaskId(t.info.getTaskId());
        if (policy != null) {
            k.setKillPolicy(policy);
        }
        t.executor.send(org.apache.mesos.v1.executor.Protos.Event.newBuilder()
                .setType(org.apache.mesos.v1.executor.Protos.Event.Type.KILL).setKill(k).build());
    }

    // ---------------------------------------------------------------- reconciliation

    private void reconcile(Framework f, Call.Reconcile r) {
        if (r.getTasksCount() == 0) {
            for (Agent a : agents) {
                if (a.awaitingReregistration || a.unreachable || a.gone) {
                    continue;
                }
                for (Task t : a.tasks.values()) {
                    if (t.framework == f) {
                        sendUpdate(f, reconciliationReply(t));
                    }
                }
            }
            return;
        }
        for (Call.Reconcile.Task rt : r.getTasksList()) {
            Task t = knownTask(f, rt.getTaskId().getValue());
            if (t != null) {
                sendUpdate(f, reconciliationReply(t));
                continue;
            }
            TaskState state;
            AgentID agentId = rt.hasAgentId() ? rt.getAgentId() : null;
            if (agentId != null) {
                Agent a = agentById(agentId.getValue());
                if (a == null) {
                    state = TaskState.TASK_UNKNOWN;
                } else if (a.gone) {
                    state = TaskState.TASK_GONE_BY_OPERATOR;
                } else if (a.awaitingReregistration) {
                    continue; // recovered but not re-registered: the master says nothing
                } else if (a.unreachable) {
                    state = TaskState.TASK_UNREACHABLE;
                } else {
                    state = TaskState.TASK_GONE;
                }
            } else {
                if (agents.stream().anyMatch(a -> a.awaitingReregistration)) {
                    continue;
                }
                state = TaskState.TASK_UNKNOWN;
            }
            sendUpdate(f, masterStatus(rt.getTaskId(), agentId, state, TaskStatus.Reason.REASON_RECONCILIATION,
                    "Reconciliation: task is unknown"));
        }
    }

    /**
     * ⚠ code: the master answers with the task's {@code status_update_state}, the state of the last
     * update it forwarded to the scheduler, not the agent's newer {@code latest_state} (which only
     * decides when the resources come back); an unreachable task is UNREACHABLE.
     */
    private static TaskStatus reconciliationReply(Task t) {
        TaskStatus base = t.lastStatus != null ? t.lastStatus
                : TaskStatus.newBuilder().setTaskId(t.info.getTaskId()).setState(t.state)
                        .setAgentId(AgentID.newBuilder().setValue(t.agent.id)).build();
        TaskState state = t.state == TaskState.TASK_UNREACHABLE ? t.state : base.getState();
        TaskStatus.Builder b = base.toBuilder().clearUuid().clearMessage().clearData()
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER)
                .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .setTimestamp(now());
        if (state == TaskState.TASK_UNREACHABLE && t.agent.unreachableSinceNanos != 0) {
            b.setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(t.agent.unreachableSinceNanos));
        }
        return b.build();
    }

    private void reconcileOperations(Framework f, Call.ReconcileOperations r) {
        if (r.getOperationsCount() == 0) {
            // implicit: the latest status of every operation the master still tracks, without uuid
            for (OperationStatus known : f.unackedOperations.values()) {
                send(f, Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                        .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder()
                                .setStatus(known.toBuilder().clearUuid())).build());
            }
            return;
        }
        for (Call.ReconcileOperations.Operation op : r.getOperationsList()) {
            OperationStatus known = f.unackedOperations.values().stream()
                    .filter(s -> s.getOperationId().equals(op.getOperationId())).findFirst().orElse(null);
            OperationStatus.Builder reply = known != null ? known.toBuilder().clearUuid()
                    : OperationStatus.newBuilder().setOperationId(op.getOperationId())
                            .setState(org.apache.mesos.v1.Protos.OperationState.OPERATION_UNKNOWN);
            send(f, Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
                    .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(reply)).build());
        }
    }

    // ---------------------------------------------------------------- agent faults

    public void partitionAgent(int index) {
        Agent a = agents.get(index);
        if (a.gone || a.cut) {
            return;
        }
        a.cut = true;
        allocation.rescindOffersOn(a);
        armPingTimeout(a);
    }

    private void armPingTimeout(Agent a) {
        if (a.pingTimeout != null) {
            a.pingTimeout.cancel(false);
        }
        a.pingTimeout = after(config.agentPingTimeout(), () -> {
            if ((a.cut || !a.running) && !a.unreachable && !a.gone) {
                declareUnreachable(a);
            }
        });
    }

    private void declareUnreachable(Agent a) {
        LOG.info("agent {} declared unreachable", a.id);
        a.unreachable = true;
        a.unreachableSinceNanos = System.currentTimeMillis() * 1_000_000L;
        allocation.rescindOffersOn(a);
        for (Task t : a.tasks.values()) {
            if (Task.terminal(t.state)) {
                continue;
            }
            t.state = TaskState.TASK_UNREACHABLE;
            TaskStatus s = masterStatus(t.info.getTaskId(), AgentID.newBuilder().setValue(a.id).build(),
                    TaskState.TASK_UNREACHABLE, TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent is unreachable")
                    .toBuilder().setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(a.unreachableSinceNanos)).build();
            t.lastStatus = s;
            sendUpdate(t.framework, s);
        }
        for (Framework f : frameworks.values()) {
            send(f, Event.newBuilder().setType(Event.Type.FAILURE)
                    .setFailure(Event.Failure.newBuilder().setAgentId(AgentID.newBuilder().setValue(a.id))).build());
        }
    }

    public void healAgent(int index) {
        Agent a = agents.get(index);
        if (a.gone || !a.cut) {
            return;
        }
        a.cut = false;
        if (a.pingTimeout != null) {
            a.pingTimeout.cancel(false);
        }
        if (a.running) {
            reregister(a);
        }
    }

    /** The agent is back in contact: unreachable tasks are reported with their real state. */
    void reregister(Agent a) {
        boolean wasUnreachable = a.unreachable;
        a.unreachable = false;
        a.unreachableSinceNanos = 0;
        for (Task t : List.copyOf(a.tasks.values())) {
            if (wasUnreachable && t.state == TaskState.TASK_UNREACHABLE) {
                t.state = t.agentState;
                TaskStatus s = masterStatus(t.info.getTaskId(), AgentID.newBuilder().setValue(a.id).build(),
                        t.agentState, TaskStatus.Reason.REASON_AGENT_REREGISTERED, "Agent re-registered");
                if (t.executor != null) {
                    s = s.toBuilder().setExecutorId(t.executor.info.getExecutorId()).build();
                }
                t.lastStatus = s;
                sendUpdate(t.framework, s);
            }
        }
        for (Task t : List.copyOf(a.tasks.values())) {
            if (!t.pendingUpdates.isEmpty()) {
                forwardHead(t, true);
            }
        }
        List<Agent.PendingKill> kills = List.copyOf(a.pendingKills);
        a.pendingKills.clear();
        for (Agent.PendingKill k : kills) {
            Task t = a.tasks.get(k.frameworkId() + "/" + k.taskId().getValue());
            if (t != null && !Task.terminal(t.agentState)) {
                killAtAgent(t, k.killPolicy());
            }
        }
        later(allocation::allocate);
    }

    /** The agent process dies (executors keep running, as on a real host). */
    public void stopAgent(int index) {
        Agent a = agents.get(index);
        if (!a.running || a.gone) {
            return;
        }
        a.running = false;
        allocation.rescindOffersOn(a);
        for (Executor e : a.executors.values()) {
            if (e.stream != null) {
                e.stream.abort();
                e.stream = null;
            }
        }
        armPingTimeout(a);
    }

    /**
     * The agent process starts again and recovers: checkpointed resources and volumes are kept;
     * executors of checkpointing frameworks have a grace period to re-subscribe (their command
     * tasks simply go on); everything of the other frameworks is killed and their tasks are gone.
     */
    public void startAgent(int index) {
        Agent a = agents.get(index);
        if (a.running || a.gone) {
            return;
        }
        a.running = true;
        for (Task t : List.copyOf(a.tasks.values())) {
            if (!t.framework.info.getCheckpoint() && !Task.terminal(t.agentState)) {
                processes.destroyCommand(t);
                t.agentState = TaskState.TASK_GONE;
                t.state = TaskState.TASK_GONE;
                sendUpdate(t.framework, masterStatus(t.info.getTaskId(), AgentID.newBuilder().setValue(a.id).build(),
                        TaskState.TASK_GONE, TaskStatus.Reason.REASON_AGENT_RESTARTED,
                        "Agent restarted and the framework does not checkpoint"));
                forget(t);
            }
        }
        for (Executor e : List.copyOf(a.executors.values())) {
            if (!e.framework.info.getCheckpoint()) {
                if (e.builtin) {
                    processes.retire(e);
                } else {
                    processes.destroy(e);
                }
            } else if (!e.builtin) { // the built-in one is part of the agent: back with it
                e.reregistrationTimer = after(config.executorReregistrationTimeout(), () -> {
                    if (!e.subscribed() && !e.terminated) {
                        LOG.info("executor {} did not re-register after agent restart", e.id());
                        e.failureReason = TaskStatus.Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT;
                        processes.destroy(e);
                    }
                });
            }
        }
        if (a.pingTimeout != null) {
            a.pingTimeout.cancel(false);
        }
        if (!a.cut) {
            reregister(a);
        }
    }

    /** An operator marks the agent gone: its tasks are GONE_BY_OPERATOR and it never returns. */
    public void markAgentGone(int index) {
        Agent a = agents.get(index);
        if (a.gone) {
            return;
        }
        a.gone = true;
        allocation.rescindOffersOn(a);
        for (Executor e : List.copyOf(a.executors.values())) {
            processes.destroy(e);
        }
        for (Task t : List.copyOf(a.tasks.values())) {
            processes.destroyCommand(t);
            if (!Task.terminal(t.state)) {
                sendUpdate(t.framework, masterStatus(t.info.getTaskId(), AgentID.newBuilder().setValue(a.id).build(),
                        TaskState.TASK_GONE_BY_OPERATOR, TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR,
                        "Agent was marked gone by an operator"));
            }
            forget(t);
        }
        for (Framework f : frameworks.values()) {
            send(f, Event.newBuilder().setType(Event.Type.FAILURE)
                    .setFailure(Event.Failure.newBuilder().setAgentId(AgentID.newBuilder().setValue(a.id))).build());
        }
    }

    // ---------------------------------------------------------------- master faults

    /**
     * A new master takes over with a new ID: every stream ends, offers and filters are forgotten,
     * frameworks must re-subscribe, and agents re-register after the configured delay (until then
     * the master does not know their tasks and answers no reconciliation for them).
     */
    public void failoverMaster() {
        masterId = UUID.randomUUID().toString();
        LOG.info("master failover: new master id {}", masterId);
        dropEveryStream();
        for (Agent a : agents) {
            if (a.gone) {
                continue;
            }
            a.awaitingReregistration = true;
            after(config.agentReregisterDelay(), () -> {
                a.awaitingReregistration = false;
                if (a.running && !a.cut) {
                    reregister(a);
                }
            });
        }
        leaderChangeListeners.forEach(Runnable::run);
    }

    /**
     * What a master that stops leading does: every subscriber's stream breaks and its offers and
     * filters are forgotten. Frameworks stay known (without failover timers) to subscribe again.
     */
    private void dropEveryStream() {
        allocation.forgetAll();
        for (Framework f : frameworks.values()) {
            if (f.heartbeat != null) {
                f.heartbeat.cancel(false);
            }
            if (f.failoverTimer != null) {
                f.failoverTimer.cancel(false);
                f.failoverTimer = null;
            }
            f.connected = false;
            if (f.stream != null) {
                StreamSink s = f.stream;
                f.stream = null;
                s.abort();
            }
        }
    }

    public void dropStream(String frameworkId) {
        Framework f = frameworks.get(frameworkId);
        if (f != null && f.stream != null) {
            f.stream.abort();
        }
    }

    public void stopHeartbeats(String frameworkId, boolean stopped) {
        Framework f = frameworks.get(frameworkId);
        if (f != null) {
            f.heartbeatsStopped = stopped;
        }
    }

    public void delayUpdates(Duration delay) {
        faults.updateDelay = delay;
    }

    public void duplicateUpdates(boolean on) {
        faults.duplicateUpdates = on;
    }

    public void dropAccepts(int count) {
        faults.acceptsToDrop = count;
    }

    public void dropKills(int count) {
        faults.killsToDrop = count;
    }

    /** Losing the lead drops every stream; nothing is offered until this master leads again. */
    public void setLeadership(Leadership value) {
        boolean wasLeading = leadership.leading();
        leadership = value;
        if (wasLeading && !value.leading()) {
            LOG.info("master {} no longer leads", masterId);
            dropEveryStream();
        }
    }

    public Leadership leadership() {
        return leadership;
    }

    public String masterHostPort() {
        return masterHost + ":" + masterPort;
    }

    /** The raw waitpid status Mesos puts in FAILURE events. */
    static int waitStatus(int exitValue) {
        return exitValue > 128 ? exitValue - 128 : (exitValue & 0xff) << 8;
    }

    static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }
}
