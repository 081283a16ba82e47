package org.cockroachdb.mesos.scheduler.loop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.scheduler.SchedulerListener;
import org.cockroachdb.mesos.http.scheduler.SchedulerSession;
import org.cockroachdb.mesos.scheduler.api.CommandReply;
import org.cockroachdb.mesos.scheduler.api.Commands;
import org.cockroachdb.mesos.scheduler.api.ServiceView;
import org.cockroachdb.mesos.scheduler.cockroach.GateVerdict;
import org.cockroachdb.mesos.scheduler.cockroach.HealthGate;
import org.cockroachdb.mesos.scheduler.cockroach.NodeAddresses;
import org.cockroachdb.mesos.scheduler.cockroach.NodeHttpAddress;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.cockroach.NodeVars;
import org.cockroachdb.mesos.scheduler.cockroach.StatusVarsClient;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.mesos.SchedulerCalls;
import org.cockroachdb.mesos.scheduler.mesos.StatusReports;
import org.cockroachdb.mesos.scheduler.cockroach.DecommissionJobs;
import org.cockroachdb.mesos.scheduler.mesos.JobTaskInfos;
import org.cockroachdb.mesos.scheduler.offer.JobResources;
import org.cockroachdb.mesos.scheduler.offer.ReservationOwner;
import org.cockroachdb.mesos.scheduler.cockroach.BackupJobSpecs;
import org.cockroachdb.mesos.scheduler.plan.BackupPlan;
import org.cockroachdb.mesos.scheduler.plan.BackupRequest;
import org.cockroachdb.mesos.scheduler.plan.CommandResult;
import org.cockroachdb.mesos.scheduler.plan.DecommissionPlan;
import org.cockroachdb.mesos.scheduler.plan.PlanParameters;
import org.cockroachdb.mesos.scheduler.plan.StepStatus;
import org.cockroachdb.mesos.scheduler.plan.DeployPlan;
import org.cockroachdb.mesos.scheduler.plan.FinalizePlan;
import org.cockroachdb.mesos.scheduler.plan.UpgradePhase;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;
import org.cockroachdb.mesos.scheduler.plan.PlanControl;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;
import org.cockroachdb.mesos.scheduler.plan.RecoveryPlan;
import org.cockroachdb.mesos.scheduler.plan.StepRef;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.state.SecretNames;
import org.cockroachdb.mesos.scheduler.state.StateStore;
import org.cockroachdb.mesos.scheduler.state.TaskInfoRedaction;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's one event loop: Mesos events and the clock go through one queue and are handled by
 * one thread, so the order of side effects is explicit. Every decision that matters is persisted
 * before it is acted on (the framework id before anything else, a TaskInfo before its ACCEPT, a
 * status before its acknowledgement). Plans are rebuilt from the stored tasks, never kept apart.
 */
public final class SchedulerLoop implements SchedulerListener, Commands, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerLoop.class);
    static final String INITIALIZED_PROPERTY = "cluster-initialized";
    /**
     * Set once an agent or executor reported on a task: its reservations and volume then exist, so
     * a relaunch goes back to them. A TaskInfo is stored before its ACCEPT, so without this mark it
     * may name reservations that were never made (ACCEPT lost, offer rescinded, crash in between).
     */
    public static final String PLACED_PROPERTY_PREFIX = "placed:";
    /** A pod being replaced: relaunch it afresh, away from this agent, once its task is over. */
    static final String REPLACING_PROPERTY_PREFIX = "replacing:";
    static final String DEPLOY_CONTROL_PROPERTY = "plan-control:deploy";
    static final String DECOMMISSION_CONTROL_PROPERTY = "plan-control:decommission";
    /** The target revision whose node settings the nodes must run (see {@link TargetDecision.Run}). */
    public static final String NODE_REVISION_PROPERTY = "node-revision";
    /** The major upgrade in progress or last done (see {@link UpgradeRecord}). */
    public static final String UPGRADE_PROPERTY = "upgrade";
    /** While reconciling, offers come back soon; an offer we cannot use now, a little later. */
    private static final double REFUSE_WHILE_RECONCILING = 5;
    private static final double REFUSE_UNFIT = 10;
    /** Nothing to do with it: stay away an hour (REVIVE clears filters when work appears). */
    private static final double REFUSE_UNNEEDED = 3600;
    private static final Duration TICK = Duration.ofSeconds(1);
    /** A launch not heard of after this long is asked about: its ACCEPT may have been lost. */
    private static final Duration LAUNCH_SILENCE = Duration.ofSeconds(10);

    private final ServiceConfig config;
    private final long revision;
    /** Nodes launched for this revision or later are current; older ones roll. */
    private final long nodeRevision;
    private final String targetJson;
    private final List<String> errors;
    private final StateStore store;
    private final Clock clock;
    static final Duration DECOMMISSION_KILL_RETRY = Duration.ofSeconds(10);
    private final BlockingQueue<SchedulerEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<ServiceView> view = new AtomicReference<>();
    private final Thread thread;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scheduler-tick");
        t.setDaemon(true);
        return t;
    });
    private volatile MesosCalls mesos;

    // Loop-thread state.
    private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    /** The stored properties, read once: the loop is their only writer, so reads need no ZooKeeper trip. */
    private final Map<String, String> properties = new HashMap<>();
    /** Launches sent and not yet heard of: task name to when the ACCEPT went out. */
    private final Map<String, Instant> inFlight = new HashMap<>();
    private final Map<String, RelaunchBackoff> backoffs = new HashMap<>();
    private final Map<Integer, List<String>> refusals = new HashMap<>();
    private Optional<String> frameworkId;
    /** The id Mesos gave us, known to the subscription thread before the loop has stored it. */
    private volatile Optional<String> subscribedId = Optional.empty();
    private boolean subscribed;
    private boolean reconciled;
    private boolean everReconciled;
    private final Reconciliation reconciliation = new Reconciliation();
    private boolean suppressed;
    private Set<String> lastWants = Set.of();
    /** Tasks an operator restarted: their KILLED is not a failure and does not delay the relaunch. */
    private final Set<String> restarting = new HashSet<>();
    private PlanControl deployControl;
    // The cluster health gate of a rolling update.
    private final StatusVarsClient statusVars = new StatusVarsClient();
    private boolean gateReading;
    private Optional<Instant> healthySince = Optional.empty();
    private Optional<String> gateWait = Optional.empty();
    // Removing nodes (see Decommissions): the health gate before each one, the jobs' last failures.
    private PlanControl decommissionControl;
    private boolean decommissionGateReading;
    private Optional<Instant> decommissionHealthySince = Optional.empty();
    private Optional<String> decommissionGateWait = Optional.empty();
    private final Map<String, String> jobFailures = new HashMap<>();
    /** Removed nodes killed by this process: a kill is sent once (again after a restart). */
    /** When each decommissioned node's KILL was last sent: resent until Mesos reports the task over. */
    private final Map<String, Instant> decommissionKills = new HashMap<>();
    // Backup and restore jobs (see BackupJobs): requests hold credentials in memory only.
    private final BackupJobs backupJobs = new BackupJobs();
    private Instant lastAbandonedKill = Instant.EPOCH;
    /** A job's TaskInfo as kept in memory and in ZooKeeper: its credentials' values redacted. */
    private static final TaskInfoRedaction REDACTION = new TaskInfoRedaction(SecretNames.DEFAULT);
    /** A job left over by a previous run is killed again at this pace until it is over. */
    private static final Duration ABANDONED_KILL_EVERY = Duration.ofSeconds(10);
    /** Replaces found under way after a restart whose task still runs: their kill is sent once. */
    private final Set<String> replaceKills = new HashSet<>();
    // A major upgrade (see Upgrades): the health gate before an automatic finalization.
    private boolean upgradeGateReading;
    private Optional<Instant> upgradeHealthySince = Optional.empty();
    private Optional<String> upgradeGateWait = Optional.empty();

    public SchedulerLoop(ServiceConfig config, long revision, long nodeRevision, String targetJson, List<String> errors,
            StateStore store, Clock clock) {
        this.config = config;
        this.revision = revision;
        this.nodeRevision = nodeRevision;
        this.targetJson = targetJson;
        this.errors = List.copyOf(errors);
        this.store = store;
        this.clock = clock;
        this.frameworkId = store.frameworkId();
        for (TaskRecord record : store.tasks()) {
            tasks.put(record.taskName(), record);
        }
        properties.putAll(store.properties());
        this.deployControl = property(DEPLOY_CONTROL_PROPERTY).map(PlanControlJson::decode)
                .orElse(PlanControl.proceeding());
        this.decommissionControl = property(DECOMMISSION_CONTROL_PROPERTY).map(PlanControlJson::decode)
                .orElse(PlanControl.proceeding());
        for (String stale : Decommissions.staleProperties(config.nodeCount(), properties)) {
            LOG.info("{}: the pod is wanted again; its earlier decommission record is dropped", stale);
            deleteProperty(stale);
        }
        recoverBackupJobs();
        Recoveries.stale(tasks.keySet(), properties).forEach(this::deleteProperty);
        recordUpgradeTransition();
        publishView();
        this.thread = new Thread(this::run, "scheduler-loop");
        thread.setDaemon(true);
    }

    /** Starts handling events; calls go to {@code mesos} (the subscribed client). */
    public void start(MesosCalls calls) {
        this.mesos = calls;
        thread.start();
        ticker.scheduleWithFixedDelay(() -> queue.add(new SchedulerEvent.Tick()), TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public ServiceView view() {
        return view.get();
    }

    @Override
    public void subscribed(SchedulerSession session) {
        subscribedId = Optional.of(session.subscribed().getFrameworkId().getValue());
        queue.add(new SchedulerEvent.Subscribed(session));
    }

    /**
     * The framework id to subscribe with: the stored one, or the one Mesos just gave us if the
     * stream dropped before the loop stored it (re-subscribing without it would register a second
     * framework).
     */
    public Optional<String> frameworkIdForSubscribe() {
        Optional<String> stored = store.frameworkId();
        return stored.isPresent() ? stored : subscribedId;
    }

    @Override
    public void received(Event event) {
        if (event.getType() != Event.Type.SUBSCRIBED) {
            queue.add(new SchedulerEvent.Received(event));
        }
    }

    @Override
    public void disconnected(String reason) {
        queue.add(new SchedulerEvent.Disconnected(reason));
    }

    @Override
    public ErrorReaction errorReceived(String message) {
        LOG.error("Mesos ended our subscription: {}", message);
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("removed") || lower.contains("completed") || lower.contains("torn down")) {
            // Subscribing again with this id cannot succeed; spinning would hide the problem.
            LOG.error("the framework is gone from Mesos; exiting. Its stored state is kept in ZooKeeper;"
                    + " an operator must decide whether to delete it and start over");
            Runtime.getRuntime().halt(1);
        }
        return ErrorReaction.RESUBSCRIBE;
    }

    @Override
    public CompletableFuture<CommandReply> plan(String planName, PlanCommand command) {
        CompletableFuture<CommandReply> reply = new CompletableFuture<>();
        queue.add(new SchedulerEvent.PlanCommandGiven(planName, command, reply));
        return reply;
    }

    @Override
    public CompletableFuture<CommandReply> pod(PodCommand command) {
        CompletableFuture<CommandReply> reply = new CompletableFuture<>();
        queue.add(new SchedulerEvent.PodCommandGiven(command, reply));
        return reply;
    }

    @Override
    public void close() {
        queue.add(new SchedulerEvent.Stop());
        ticker.shutdownNow();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            SchedulerEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (event instanceof SchedulerEvent.Stop) {
                return;
            }
            try {
                handle(event);
                publishView();
            } catch (Throwable e) {
                // A half-handled event must not leave a zombie scheduler behind (API up, no progress):
                // exit, and Marathon starts us again from the persisted state.
                LOG.error("the event loop failed on {}; exiting so the scheduler restarts from its stored state",
                        event.getClass().getSimpleName(), e);
                Runtime.getRuntime().halt(1);
            }
        }
    }

    private void handle(SchedulerEvent event) {
        if (event instanceof SchedulerEvent.Subscribed s) {
            onSubscribed(s.session());
        } else if (event instanceof SchedulerEvent.Received r) {
            onEvent(r.event());
        } else if (event instanceof SchedulerEvent.Disconnected d) {
            LOG.warn("disconnected from Mesos: {}", d.reason());
            subscribed = false;
            reconciled = false;
        } else if (event instanceof SchedulerEvent.Tick) {
            onTick();
        } else if (event instanceof SchedulerEvent.GateRead g) {
            onGateRead(g.nodes());
        } else if (event instanceof SchedulerEvent.DecommissionGateRead g) {
            onDecommissionGateRead(g.nodes());
        } else if (event instanceof SchedulerEvent.UpgradeGateRead g) {
            onUpgradeGateRead(g.nodes());
        } else if (event instanceof SchedulerEvent.PlanCommandGiven c) {
            if (!c.reply().isDone()) {
                // Published before the reply: a client that reads the plan right after sees the command's effect.
                CommandReply reply = onPlanCommand(c.plan(), c.command());
                publishView();
                c.reply().complete(reply);
            }
        } else if (event instanceof SchedulerEvent.PodCommandGiven c) {
            if (!c.reply().isDone()) {
                CommandReply reply = onPodCommand(c.command());
                publishView();
                c.reply().complete(reply);
            }
        }
    }

    private void onSubscribed(SchedulerSession session) {
        String id = session.subscribed().getFrameworkId().getValue();
        if (!frameworkId.equals(Optional.of(id))) {
            store.storeFrameworkId(id);
            LOG.info("registered with Mesos as framework {}", id);
        } else {
            LOG.info("re-subscribed to Mesos as framework {}", id);
        }
        frameworkId = Optional.of(id);
        subscribed = true;
        suppressed = false;
        lastWants = Set.of();
        inFlight.clear();
        startReconciliation();
    }

    /** Ask Mesos for the state of every task we know; launch nothing until every one has answered. */
    private void startReconciliation() {
        reconciled = false;
        List<String> unfinished = new ArrayList<>();
        for (TaskRecord record : tasks.values()) {
            if (StoredTasks.lastState(record).map(s -> !StatusReports.isTerminal(s)).orElse(true)) {
                unfinished.add(NodeTaskInfos.parse(record.taskInfo()).getTaskId().getValue());
            }
        }
        reconciliation.restart(unfinished);
        reconcileDue();
        finishReconciliationIfDone();
    }

    /** Sends RECONCILE for the tasks whose answer is due. */
    private void reconcileDue() {
        Set<String> due = reconciliation.due(clock.instant());
        if (due.isEmpty()) {
            return;
        }
        List<SchedulerCalls.KnownTask> known = new ArrayList<>();
        for (TaskRecord record : tasks.values()) {
            TaskInfo info = NodeTaskInfos.parse(record.taskInfo());
            if (due.contains(info.getTaskId().getValue())) {
                known.add(new SchedulerCalls.KnownTask(info.getTaskId(), Optional.of(info.getAgentId())));
            }
        }
        LOG.info("reconciling {} task(s) with Mesos", known.size());
        send(SchedulerCalls.reconcile(frameworkId.orElseThrow(), known));
    }

    private void finishReconciliationIfDone() {
        if (!reconciled && reconciliation.isDone() && subscribed) {
            reconciled = true;
            everReconciled = true;
            LOG.info("reconciliation complete: {} task(s) known", tasks.size());
            revive();
        }
    }

    private void onEvent(Event event) {
        switch (event.getType()) {
            case OFFERS -> onOffers(event.getOffers().getOffersList());
            case UPDATE -> onUpdate(event.getUpdate().getStatus());
            case ERROR -> LOG.error("Mesos error: {}", event.getError().getMessage());
            case FAILURE -> LOG.warn("Mesos reports a failure: agent {} executor {} status {}",
                    event.getFailure().getAgentId().getValue(), event.getFailure().getExecutorId().getValue(),
                    event.getFailure().getStatus());
            default -> { }
        }
    }

    private void onUpdate(TaskStatus status) {
        String taskId = status.getTaskId().getValue();
        Optional<TaskRecord> known = StoredTasks.byTaskId(tasks.values(), taskId);
        if (known.isEmpty()) {
            boolean answerToReconciliation = status.getReason() == TaskStatus.Reason.REASON_RECONCILIATION;
            if (!StatusReports.isTerminal(status.getState()) && !answerToReconciliation) {
                LOG.warn("killing task {} ({}): it is not one we launched or it was replaced", taskId,
                        status.getState());
                send(SchedulerCalls.kill(frameworkId.orElseThrow(), status.getTaskId(),
                        status.hasAgentId() ? Optional.of(status.getAgentId()) : Optional.empty()));
            }
            acknowledge(status);
            return;
        }
        TaskRecord before = known.get();
        if (JobTaskInfos.isBackupOrRestore(before.taskName())) {
            onBackupJobUpdate(before, status);
            return;
        }
        if (JobTaskInfos.isJob(before.taskName())) {
            onJobUpdate(before, status);
            return;
        }
        boolean alreadyKnownOver = status.getReason() == TaskStatus.Reason.REASON_RECONCILIATION
                && StoredTasks.lastState(before).equals(Optional.of(status.getState()));
        TaskRecord after = before.withLastStatus(status.toByteString())
                .withReady(StatusReports.ready(status, before.ready()));
        Optional<String> nodeId = StatusReports.nodeId(status);
        if (nodeId.isPresent()) {
            after = after.withCockroachNodeId(nodeId.get());
        }
        store.storeTask(after);
        storeMarks(Recoveries.afterStatus(after, status, properties, clock.instant()));
        if (StatusReports.initializedCluster(status) && property(INITIALIZED_PROPERTY).isEmpty()) {
            storeProperty(INITIALIZED_PROPERTY, "true");
            LOG.info("the cluster is initialized (cockroach init ran from {})", before.taskName());
        }
        // An agent or executor reporting on the task confirms its reservations exist; for a pod being
        // replaced, only a report from another agent than the one it leaves confirms the new place.
        Optional<ReplaceIntent> leaving = property(REPLACING_PROPERTY_PREFIX + after.taskName())
                .map(ReplaceIntent::decode);
        boolean confirmed = status.getSource() != TaskStatus.Source.SOURCE_MASTER
                && leaving.map(intent -> !intent.agentId().equals(status.getAgentId().getValue())).orElse(true);
        if (confirmed && property(PLACED_PROPERTY_PREFIX + after.taskName()).isEmpty()) {
            storeProperty(PLACED_PROPERTY_PREFIX + after.taskName(), status.getAgentId().getValue());
        }
        if (confirmed && leaving.isPresent()) {
            // The old node id is kept for its decommission before the replace intent goes.
            Optional<String> oldNode = leaving.get().oldNodeId();
            if (oldNode.isPresent() && property(Decommissions.REPLACED_PROPERTY_PREFIX + oldNode.get()).isEmpty()) {
                storeProperty(Decommissions.REPLACED_PROPERTY_PREFIX + oldNode.get(), new Decommissions.ReplacedNode(
                        oldNode.get(), NodePods.indexOfTask(after.taskName()).map(NodePods::podName)
                                .orElse(after.taskName()), false).encode());
            }
            deleteProperty(REPLACING_PROPERTY_PREFIX + after.taskName());
            LOG.info("{} is replaced: it runs on new reservations and an empty volume on agent {}", after.taskName(),
                    status.getAgentId().getValue());
        }
        tasks.put(after.taskName(), after);
        acknowledge(status);
        logTransition(before, after, status);

        inFlight.remove(after.taskName());
        boolean over = StatusReports.isTerminal(status.getState()) || status.getState() == TaskState.TASK_UNKNOWN;
        if (over && restarting.remove(after.taskName())) {
            backoffs.remove(after.taskName());
        } else if (over && !alreadyKnownOver) {
            RelaunchBackoff backoff = backoffs.getOrDefault(after.taskName(), RelaunchBackoff.none())
                    .failed(clock.instant());
            backoffs.put(after.taskName(), backoff);
        } else if (after.ready()) {
            backoffs.remove(after.taskName());
        }
        if (reconciliation.answered(taskId)) {
            finishReconciliationIfDone();
        }
        if (reconciled) {
            reviveForNewWork();
        }
    }

    private void logTransition(TaskRecord before, TaskRecord after, TaskStatus status) {
        Optional<TaskState> previous = before.lastStatus().map(StoredTasks::parseStatus).map(TaskStatus::getState);
        if (previous.equals(Optional.of(status.getState())) && before.ready() == after.ready()) {
            return;
        }
        LOG.info("{}: {}{}{}", after.taskName(), status.getState(), after.ready() ? " (ready)" : "",
                status.getMessage().isEmpty() ? "" : ": " + status.getMessage());
    }

    private void acknowledge(TaskStatus status) {
        if (status.hasUuid() && frameworkId.isPresent()) {
            send(SchedulerCalls.acknowledge(frameworkId.get(), status));
        }
    }

    private void onOffers(List<Offer> offers) {
        String fid = frameworkId.orElseThrow();
        if (!reconciled) {
            send(SchedulerCalls.decline(fid, offers.stream().map(Offer::getId).toList(), REFUSE_WHILE_RECONCILING));
            return;
        }
        noteReservationsGone(offers);
        offers = launchBackupIfWanted(fid, offers);
        offers = launchJobIfWanted(fid, offers);
        OfferRound.Output out = OfferRound.decide(new OfferRound.Input(config, revision, fid,
                property(INITIALIZED_PROPERTY).isPresent(), wants(), StoredTasks.launched(tasks.values()), offers),
                () -> UUID.randomUUID().toString());
        for (OfferRound.Launch launch : out.launches()) {
            String taskName = launch.taskInfo().getName();
            TaskRecord previous = tasks.get(taskName);
            TaskRecord record = new TaskRecord(taskName, launch.taskInfo().toByteString(), Optional.empty(),
                    StoredTasks.nodeIdOnLaunch(taskName, previous, properties), false);
            store.storeTask(record);
            tasks.put(taskName, record);
            inFlight.put(taskName, clock.instant());
            List<Offer.Operation> operations = new ArrayList<>(launch.operations());
            operations.add(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                    .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(launch.taskInfo())).build());
            LOG.info("launching {} on {} ({} operation(s))", taskName, launch.offer().getHostname(), operations.size());
            CallResult result = send(SchedulerCalls.accept(fid, List.of(launch.offer().getId()), operations,
                    REFUSE_UNFIT));
            if (!(result instanceof CallResult.Accepted)) {
                // Mesos may or may not have the task: ask, and the answer decides the relaunch.
                reconciliation.add(launch.taskInfo().getTaskId().getValue());
                reconcileDue();
            }
        }
        for (OfferRound.Cleanup cleanup : out.cleanups()) {
            LOG.info("cleaning up {} orphaned reservation operation(s) of ours on {}", cleanup.operations().size(),
                    cleanup.offer().getHostname());
            if (send(SchedulerCalls.accept(fid, List.of(cleanup.offer().getId()), cleanup.operations(), REFUSE_UNFIT))
                    instanceof CallResult.Accepted) {
                noteReservationsReleased(cleanup.offer(), cleanup.operations());
            }
        }
        if (!out.unneeded().isEmpty()) {
            send(SchedulerCalls.decline(fid, out.unneeded(), REFUSE_UNNEEDED));
        }
        if (!out.unfit().isEmpty()) {
            send(SchedulerCalls.decline(fid, out.unfit(), REFUSE_UNFIT));
        }
        if (!out.refusals().equals(refusals)) {
            out.refusals().forEach((index, reasons) -> LOG.info("{} is not placed yet: {}", NodePods.podName(index),
                    String.join("; ", reasons)));
            refusals.clear();
            refusals.putAll(out.refusals());
        }
        suppressIfIdle(suppressed);
    }

    /** The pods that may launch now: candidates of the deploy plan, not in flight, not delayed. */
    private List<OfferRound.Want> wants() {
        Instant now = clock.instant();
        List<OfferRound.Want> wants = new ArrayList<>();
        if (Upgrades.holdsNodes(upgrade())) {
            return wants; // a node launched now would run the new major before the downgrade option is set
        }
        // Once the cluster exists, new nodes join one at a time, each after the others run and are ready.
        boolean mayAddNode = property(INITIALIZED_PROPERTY).isEmpty() || allNodesUp();
        for (Step step : launchCandidates()) {
            Optional<Integer> index = NodePods.indexOfPod(step.podName());
            if (index.isEmpty()) {
                continue;
            }
            String taskName = NodePods.taskName(index.get());
            TaskRecord record = tasks.get(taskName);
            boolean replacing = property(REPLACING_PROPERTY_PREFIX + taskName).isPresent();
            if (inFlight.containsKey(taskName) || !Recoveries.mayRelaunch(record, replacing)
                    || backoffs.getOrDefault(taskName, RelaunchBackoff.none()).delays(now)) {
                continue;
            }
            if (record == null) {
                if (!mayAddNode) {
                    continue;
                }
                mayAddNode = property(INITIALIZED_PROPERTY).isEmpty();
            }
            // A replace that a crash cut short may have kept the old place: it is given up all the same.
            boolean placed = record != null && property(PLACED_PROPERTY_PREFIX + taskName).isPresent() && !replacing;
            wants.add(new OfferRound.Want(index.get(),
                    placed ? Optional.of(NodeTaskInfos.parse(record.taskInfo())) : Optional.empty(),
                    property(REPLACING_PROPERTY_PREFIX + taskName).map(ReplaceIntent::decode)
                            .map(ReplaceIntent::agentId)));
        }
        return wants;
    }

    private void onTick() {
        if (!subscribed) {
            return;
        }
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> launch : inFlight.entrySet()) {
            TaskRecord record = tasks.get(launch.getKey());
            String taskId = NodeTaskInfos.parse(record.taskInfo()).getTaskId().getValue();
            if (Duration.between(launch.getValue(), now).compareTo(LAUNCH_SILENCE) >= 0
                    && reconciliation.add(taskId)) {
                LOG.warn("{}: no word of its launch after {}s; asking Mesos", launch.getKey(), LAUNCH_SILENCE.toSeconds());
            }
        }
        reconcileDue();
        if (!reconciled) {
            return;
        }
        advanceDecommission();
        killAbandonedJobs(now);
        recoverLostNodes();
        advanceUpgrade();
        if (reviveForNewWork()) {
            suppressIfIdle(false);
        }
        readGateIfUpdating();
    }

    /** While nodes run an older target, read every node's health (off the loop thread). */
    private void readGateIfUpdating() {
        if (gateReading || !RollingUpdate.pending(nodeRevision, tasks.values())) {
            if (!RollingUpdate.pending(nodeRevision, tasks.values())) {
                gateWait = Optional.empty();
                healthySince = Optional.empty();
            }
            return;
        }
        List<NodeHttpAddress> nodes = new ArrayList<>();
        Map<Integer, TaskInfo> launched = StoredTasks.launched(tasks.values());
        for (var node : NodePods.desired(config.nodeCount())) {
            TaskInfo info = launched.get(node.index());
            String host = info == null ? NodeAddresses.dnsName(config, node.taskName())
                    : NodeAddresses.advertiseHost(config, node.index(), NodeTaskInfos.hostname(info));
            nodes.add(new NodeHttpAddress(node.podName(), host, config.httpPort()));
        }
        gateReading = true;
        statusVars.fetchAll(nodes).whenComplete((read, failure) -> queue.add(new SchedulerEvent.GateRead(
                read != null ? read : nodes.stream().map(n -> NodeVars.unreachable(n.node(), String.valueOf(failure)))
                        .toList())));
    }

    /**
     * The gate's answer: when it passes and every node runs and is ready, take the next node of an
     * older revision down; the plan relaunches it in place on the new target.
     */
    private void onGateRead(List<NodeVars> nodes) {
        gateReading = false;
        if (!RollingUpdate.pending(nodeRevision, tasks.values())) {
            return;
        }
        Instant now = clock.instant();
        healthySince = HealthGate.nextHealthySince(HealthGate.healthy(config.nodeCount(), nodes), healthySince, now);
        GateVerdict verdict = HealthGate.evaluate(config.nodeCount(), nodes, healthySince, now, config.gateSettle());
        Optional<String> wait = verdict instanceof GateVerdict.Wait w ? Optional.of(w.reason()) : Optional.empty();
        if (!wait.equals(gateWait)) {
            wait.ifPresent(reason -> LOG.info("rolling update waits for the cluster health gate: {}", reason));
            gateWait = wait;
        }
        // Removing a node comes first (as in the operator): no node is taken down meanwhile.
        boolean held = !reconciled || !deployControl.interruptedPhases().isEmpty() || deployControl.interrupted()
                || decommissionNext().kind() != Decommissions.Kind.IDLE || Upgrades.holdsNodes(upgrade());
        Optional<String> next = RollingUpdate.next(config.nodeCount(), nodeRevision, tasks.values(), inFlight.keySet(),
                verdict instanceof GateVerdict.Pass && !held);
        if (next.isPresent()) {
            LOG.info("rolling update: the cluster is healthy; taking {} down to relaunch it on target revision {}",
                    next.get(), revision);
            restartTask(next.get());
            healthySince = Optional.empty();
        }
    }

    /**
     * REVIVE when a pod wants to launch that did not before (or offers are suppressed): done at
     * once when a status makes new work, and on every tick as the retry.
     *
     * @return false when the REVIVE was not taken (the next tick tries again)
     */
    private boolean reviveForNewWork() {
        Set<String> wanted = new HashSet<>();
        for (OfferRound.Want want : wants()) {
            wanted.add(NodePods.taskName(want.podIndex()));
        }
        wantedJob().ifPresent(job -> wanted.add(JobTaskInfos.decommissionJobName(job.nodeId())));
        backupJobs.waiting().ifPresent(request -> wanted.add(BackupJobs.taskName(request.kind())));
        wantedUpgradeJob().ifPresent(job -> wanted.add(job.name()));
        Decommissions.Next next = decommissionNext();
        if (next.kind() == Decommissions.Kind.AWAIT_UNRESERVE) {
            wanted.add("unreserve:" + next.removal().orElseThrow().taskName());
        }
        if (!wanted.isEmpty() && (suppressed || !lastWants.containsAll(wanted)) && !revive()) {
            return false;
        }
        lastWants = wanted;
        return true;
    }

    /** @return whether Mesos took it */
    private boolean revive() {
        if (send(SchedulerCalls.revive(frameworkId.orElseThrow(), config.role())) instanceof CallResult.Accepted) {
            suppressed = false;
            return true;
        }
        return false;
    }

    /**
     * Stop offers when there is nothing to do and nothing in flight. {@code offered}: an offer came
     * although we asked for none (a lost SUPPRESS, or one that crossed a REVIVE): ask again.
     */
    private void suppressIfIdle(boolean offered) {
        if ((!suppressed || offered) && reconciled && inFlight.isEmpty() && !hasPendingWork()) {
            suppressed = send(SchedulerCalls.suppress(frameworkId.orElseThrow(), config.role()))
                    instanceof CallResult.Accepted;
        }
    }

    /**
     * Work that wants offers now or after its relaunch delay. A task still running on an older
     * revision is not: it waits for the rolling update, which takes no offers until it kills it.
     */
    private boolean hasPendingWork() {
        if (wantedJob().isPresent() || backupJobs.waiting().isPresent() || wantedUpgradeJob().isPresent()
                || decommissionNext().kind() == Decommissions.Kind.AWAIT_UNRESERVE) {
            return true;
        }
        for (Step step : launchCandidates()) {
            Optional<Integer> index = NodePods.indexOfPod(step.podName());
            if (index.isPresent() && Recoveries.mayRelaunch(tasks.get(NodePods.taskName(index.get())),
                    property(REPLACING_PROPERTY_PREFIX + NodePods.taskName(index.get())).isPresent())) {
                return true;
            }
        }
        return false;
    }

    private CallResult send(Call call) {
        CallResult result = mesos.send(call);
        if (!(result instanceof CallResult.Accepted)) {
            LOG.warn("{} call not accepted: {}", call.getType(), result.describe());
        }
        return result;
    }

    private Plan deployPlan() {
        return deployPlan(errors);
    }

    /**
     * The deploy plan without the refused configuration's errors: a refused change keeps the
     * stored target, and nodes of that target must still be relaunched when they fail.
     */
    private Plan recoverablePlan() {
        return PlanControl.render(deployPlan(List.of()), deployControl);
    }

    private Plan deployPlan(List<String> planErrors) {
        Instant now = clock.instant();
        Map<String, String> delayed = new HashMap<>();
        backoffs.forEach((task, backoff) -> {
            if (backoff.delays(now)) {
                delayed.put(task, backoff.describe(now));
            }
        });
        Plan computed = RecoveryPlan.keepDeployed(DeployPlan.of(NodePods.desired(config.nodeCount()), nodeRevision,
                StoredTasks.observed(tasks.values()), inFlight.keySet(), delayed, planErrors), recoveringPods());
        Plan plan = upgrade().filter(UpgradeRecord::open).map(u -> UpgradePhase.prepend(computed, Upgrades.preserveStep(u,
                upgradeJobProgress(JobTaskInfos.PRESERVE_DOWNGRADE_JOB)))).orElse(computed);
        return gateWait.map(reason -> UpdateMessages.waitingForGate(plan, tasks.values(), nodeRevision, reason))
                .orElse(plan);
    }

    private CommandReply onPlanCommand(String planName, PlanCommand command) {
        if (DecommissionPlan.NAME.equals(planName)) {
            return onDecommissionPlanCommand(command);
        }
        Optional<BackupRequest.Kind> backupKind = BackupRequest.Kind.ofPlan(planName);
        if (backupKind.isPresent()) {
            return onBackupPlanCommand(backupKind.get(), command);
        }
        if (RecoveryPlan.NAME.equals(planName)) {
            return CommandReply.message(409, "the recovery plan follows failures and takes no plan commands;"
                    + " use pod restart or pod replace on the pod");
        }
        if (FinalizePlan.NAME.equals(planName)) {
            return onFinalizePlanCommand(command);
        }
        if (!DeployPlan.NAME.equals(planName)) {
            return CommandReply.planNotFound(planName);
        }
        PlanControl.Outcome outcome = deployControl.apply(command, PlanControl.render(deployPlan(), deployControl));
        if (!outcome.control().equals(deployControl)) {
            storeProperty(DEPLOY_CONTROL_PROPERTY, PlanControlJson.encode(outcome.control()));
            deployControl = outcome.control();
        }
        // Resetting a step whose node runs means killing that node: done for one step at a time
        // only, never for a whole plan at once, which would take every node down together.
        List<StepRef> toReset = outcome.stepsToReset().size() == 1 ? outcome.stepsToReset() : List.of();
        if (outcome.stepsToReset().size() > 1) {
            LOG.info("{} steps reset; their running nodes are left running (restart them one at a time with"
                    + " pod restart)", outcome.stepsToReset().size());
        }
        for (StepRef step : toReset) {
            PlanControl.render(deployPlan(), deployControl).phases().stream()
                    .filter(p -> p.name().equals(step.phase()) || p.id().equals(step.phase()))
                    .flatMap(p -> p.steps().stream())
                    .filter(s -> s.name().equals(step.step()) || s.id().equals(step.step()))
                    .forEach(s -> NodePods.indexOfPod(s.podName()).ifPresent(i -> restartTask(NodePods.taskName(i))));
        }
        LOG.info("plan command on {}: {} -> {}", planName, command.getClass().getSimpleName(),
                outcome.result().message());
        reviveForNewWork();
        return CommandReply.of(outcome.result());
    }

    private CommandReply onPodCommand(PodCommand command) {
        Map<String, List<String>> tasksByPod = new HashMap<>();
        for (var node : NodePods.desired(config.nodeCount())) {
            tasksByPod.put(node.podName(), List.of(node.taskName()));
        }
        PodCommand.Outcome outcome = command.outcome(tasksByPod);
        if (outcome instanceof PodCommand.Outcome.Done done) {
            Optional<Decommissions.Removal> removing = decommissionNext().removal();
            if (removing.isPresent()) {
                return CommandReply.message(409, removing.get().podName() + " is being removed (see the decommission"
                        + " plan); no other node is taken down meanwhile. Try again once the plan is complete");
            }
            Optional<String> down = otherNodeDown(done.pod());
            if (down.isPresent()) {
                return CommandReply.message(409, down.get() + " is not running and ready; taking " + done.pod()
                        + " down now would take a second node down. Try again once it is back");
            }
            for (String taskName : done.tasks()) {
                if (command instanceof PodCommand.Replace) {
                    replaceTask(taskName);
                } else {
                    restartTask(taskName);
                }
            }
        }
        return CommandReply.of(outcome);
    }

    /** Every node launched so far runs and is ready, and nothing is being launched. */
    private boolean allNodesUp() {
        return inFlight.isEmpty() && tasks.values().stream().filter(r -> NodePods.indexOfTask(r.taskName()).isPresent())
                .allMatch(StoredTasks::isUp);
    }

    /** Another node that is not running and ready, if any: while it is down, no second one may go. */
    private Optional<String> otherNodeDown(String pod) {
        for (var node : NodePods.desired(config.nodeCount())) {
            if (node.podName().equals(pod)) {
                continue;
            }
            if (!StoredTasks.isUp(tasks.get(node.taskName()))) {
                return Optional.of(node.podName());
            }
        }
        return Optional.empty();
    }

    /** Kill a task so that it is relaunched in place, on its reservations and volume. */
    private void restartTask(String taskName) {
        TaskRecord record = tasks.get(taskName);
        if (record == null || StoredTasks.mayLaunch(record)) {
            return; // nothing runs: the plan launches it anyway
        }
        LOG.info("{}: restart requested; killing it to relaunch it in place", taskName);
        restarting.add(taskName);
        kill(record);
    }

    /**
     * Give a task up for good: forget where it was placed (so its relaunch takes new reservations and
     * an empty volume, away from its agent; the old ones become orphans and are collected), then kill
     * it. The intent is stored first, so a scheduler restart in between carries it out.
     */
    private void replaceTask(String taskName) {
        TaskRecord record = tasks.get(taskName);
        if (record == null) {
            return;
        }
        TaskInfo info = NodeTaskInfos.parse(record.taskInfo());
        // Only reservations an agent confirmed exist; an uninstall waits for exactly those (a repeated
        // replace keeps the ids its first one stored).
        String agent = info.getAgentId().getValue();
        List<String> ids = property(PLACED_PROPERTY_PREFIX + taskName).equals(Optional.of(agent))
                ? Decommissions.resourceIds(record)
                : property(REPLACING_PROPERTY_PREFIX + taskName).map(ReplaceIntent::decode)
                        .filter(i -> i.agentId().equals(agent)).map(ReplaceIntent::resourceIds).orElse(List.of());
        storeProperty(REPLACING_PROPERTY_PREFIX + taskName,
                new ReplaceIntent(agent, record.cockroachNodeId(), ids).encode());
        deleteProperty(PLACED_PROPERTY_PREFIX + taskName);
        backoffs.remove(taskName);
        LOG.info("{}: replace requested; it leaves agent {} for new reservations elsewhere", taskName,
                info.getAgentId().getValue());
        if (!StoredTasks.mayLaunch(record)) {
            restarting.add(taskName);
            kill(record);
        }
    }

    private void kill(TaskRecord record) {
        TaskInfo info = NodeTaskInfos.parse(record.taskInfo());
        if (frameworkId.isPresent()) {
            send(SchedulerCalls.kill(frameworkId.get(), info.getTaskId(), Optional.of(info.getAgentId())));
        }
    }

    // --- removing nodes (the pure decisions are in Decommissions) ----------------------------

    private List<Decommissions.Removal> removals() {
        return Decommissions.removals(config.nodeCount(), tasks.values(), properties);
    }

    private Decommissions.Next decommissionNext() {
        return Decommissions.next(removals());
    }

    /** The operator paused the decommission plan (or a phase of it): nothing new starts. */
    private boolean decommissionHeld() {
        return decommissionControl.interrupted() || !decommissionControl.interruptedPhases().isEmpty();
    }

    /** Takes the removal in progress one step on; every step is stored before it is acted on. */
    private void advanceDecommission() {
        Decommissions.Next next = decommissionNext();
        if (next.kind() == Decommissions.Kind.IDLE) {
            decommissionGateWait = Optional.empty();
            decommissionHealthySince = Optional.empty();
            return;
        }
        Decommissions.Removal removal = next.removal().orElseThrow();
        String key = Decommissions.PROPERTY_PREFIX + removal.taskName();
        switch (next.kind()) {
            case GATE -> readDecommissionGate(removal);
            case SKIP_DECOMMISSION -> {
                LOG.info("{}: the node never reported a node id and is over; nothing to decommission",
                        removal.taskName());
                storeProperty(key, DecommissionRecord.decommissioning(Optional.empty())
                        .at(DecommissionRecord.Stage.DECOMMISSIONED).encode());
            }
            case KILL -> {
                Instant now = clock.instant();
                Instant sent = decommissionKills.get(removal.taskName());
                // a KILL can be lost (master failover, dropped call): Mesos expects it again until the task ends
                if (sent == null || !now.isBefore(sent.plus(DECOMMISSION_KILL_RETRY))) {
                    LOG.info("{}: decommissioned; killing its task{}", removal.taskName(), sent == null ? "" : " (again)");
                    decommissionKills.put(removal.taskName(), now);
                    restarting.add(removal.taskName());
                    kill(removal.task().orElseThrow());
                }
            }
            case FORGET -> forget(removal);
            default -> { }
        }
    }

    /**
     * Remember where the task's reservations are, then forget the task: its reservations become
     * orphans, which the offer rounds DESTROY (the volume) and UNRESERVE.
     */
    private void forget(Decommissions.Removal removal) {
        TaskRecord task = removal.task().orElseThrow();
        TaskInfo info = StoredTasks.info(task);
        DecommissionRecord record = removal.record()
                .filter(r -> r.stage() == DecommissionRecord.Stage.UNRESERVING)
                .orElseGet(() -> removal.record().orElseThrow().unreserving(info.getAgentId().getValue(),
                        info.getExecutor().getExecutorId().getValue(), Decommissions.resourceIds(task)));
        storeProperty(Decommissions.PROPERTY_PREFIX + removal.taskName(), record.encode());
        store.deleteTask(removal.taskName());
        tasks.remove(removal.taskName());
        if (property(PLACED_PROPERTY_PREFIX + removal.taskName()).isPresent()) {
            deleteProperty(PLACED_PROPERTY_PREFIX + removal.taskName());
        }
        Recoveries.forgotten(removal.taskName(), properties).forEach(this::deleteProperty);
        backoffs.remove(removal.taskName());
        restarting.remove(removal.taskName());
        decommissionKills.remove(removal.taskName());
        LOG.info("{}: forgotten; its {} reservation(s) on agent {} are released as they are offered",
                removal.taskName(), record.resourceIds().size(), record.agentId().orElse("?"));
        reviveForNewWork();
    }

    /** Every node the target wants runs and is ready. */
    private boolean allDesiredUp() {
        return NodePods.desired(config.nodeCount()).stream().allMatch(n -> StoredTasks.isUp(tasks.get(n.taskName())));
    }

    /** Read the health of every remaining node and the one to remove (off the loop thread). */
    private void readDecommissionGate(Decommissions.Removal removal) {
        if (decommissionGateReading) {
            return;
        }
        if (decommissionHeld() || !allDesiredUp() || !inFlight.isEmpty()) {
            decommissionGateWait = Optional.of("every node must run and be ready");
            decommissionHealthySince = Optional.empty();
            return;
        }
        List<NodeHttpAddress> nodes = new ArrayList<>();
        Map<Integer, TaskInfo> launched = StoredTasks.launched(tasks.values());
        List<Integer> indices = new ArrayList<>();
        NodePods.desired(config.nodeCount()).forEach(n -> indices.add(n.index()));
        if (removal.task().filter(StoredTasks::isUp).isPresent()) {
            indices.add(removal.podIndex());
        }
        for (int index : indices) {
            nodes.add(new NodeHttpAddress(NodePods.podName(index),
                    NodeAddresses.advertiseHost(config, index, NodeTaskInfos.hostname(launched.get(index))),
                    config.httpPort()));
        }
        decommissionGateReading = true;
        statusVars.fetchAll(nodes).whenComplete((read, failure) -> queue.add(new SchedulerEvent.DecommissionGateRead(
                read != null ? read : nodes.stream().map(n -> NodeVars.unreachable(n.node(), String.valueOf(failure)))
                        .toList())));
    }

    /** When the gate passes, the pod's decommission starts: stored first, the job follows on an offer. */
    private void onDecommissionGateRead(List<NodeVars> nodes) {
        decommissionGateReading = false;
        Decommissions.Next next = decommissionNext();
        if (next.kind() != Decommissions.Kind.GATE) {
            return;
        }
        Instant now = clock.instant();
        decommissionHealthySince = HealthGate.nextHealthySince(HealthGate.healthy(nodes.size(), nodes),
                decommissionHealthySince, now);
        GateVerdict verdict = HealthGate.evaluate(nodes.size(), nodes, decommissionHealthySince, now,
                config.gateSettle());
        if (verdict instanceof GateVerdict.Wait wait) {
            // The settle countdown changes every tick: said once, problems each time they change.
            boolean settling = HealthGate.healthy(nodes.size(), nodes);
            boolean wasSettling = decommissionGateWait.map(w -> w.startsWith("cluster healthy")).orElse(false);
            if (!decommissionGateWait.equals(Optional.of(wait.reason())) && !(settling && wasSettling)) {
                LOG.info("decommission waits for the cluster health gate: {}", wait.reason());
            }
            decommissionGateWait = Optional.of(wait.reason());
            return;
        }
        if (decommissionHeld() || !allDesiredUp() || !inFlight.isEmpty() || !reconciled) {
            return;
        }
        Decommissions.Removal removal = next.removal().orElseThrow();
        String nodeId = removal.nodeId().orElseThrow();
        storeProperty(Decommissions.PROPERTY_PREFIX + removal.taskName(),
                DecommissionRecord.decommissioning(Optional.of(nodeId)).encode());
        decommissionGateWait = Optional.empty();
        decommissionHealthySince = Optional.empty();
        LOG.info("{}: the cluster is healthy; decommissioning node {}", removal.taskName(), nodeId);
        reviveForNewWork();
    }

    /**
     * A decommission job to launch now: on an agent that runs a live node, asking a live node that
     * stays (the lowest one up).
     */
    private record JobWant(String nodeId, Set<String> agentIds, int hostIndex, String hostName) {}

    private Optional<JobWant> wantedJob() {
        if (!reconciled || tasks.values().stream()
                .anyMatch(r -> JobTaskInfos.isJob(r.taskName()) && !StoredTasks.mayLaunch(r))) {
            return Optional.empty(); // one job at a time
        }
        Decommissions.Next next = decommissionNext();
        Optional<String> nodeId = Optional.empty();
        Set<String> agents = new HashSet<>();
        if (next.kind() == Decommissions.Kind.RUN_JOB && !decommissionHeld()) {
            nodeId = Optional.of(next.nodeId());
            next.removal().flatMap(Decommissions.Removal::task).filter(StoredTasks::isUp)
                    .ifPresent(t -> agents.add(StoredTasks.info(t).getAgentId().getValue()));
        } else if (next.kind() == Decommissions.Kind.IDLE) {
            nodeId = Decommissions.replacedReady(Decommissions.replaced(properties), tasks, config.nodeCount())
                    .map(Decommissions.ReplacedNode::nodeId);
        }
        if (nodeId.isEmpty() || backoffs.getOrDefault(JobTaskInfos.decommissionJobName(nodeId.get()),
                RelaunchBackoff.none()).delays(clock.instant())) {
            return Optional.empty();
        }
        Optional<Integer> host = Optional.empty();
        for (var node : NodePods.desired(config.nodeCount())) {
            TaskRecord record = tasks.get(node.taskName());
            if (StoredTasks.isUp(record)) {
                agents.add(StoredTasks.info(record).getAgentId().getValue());
                host = host.or(() -> Optional.of(node.index()));
            }
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String hostName = NodeTaskInfos.hostname(StoredTasks.info(tasks.get(NodePods.taskName(host.get()))));
        return Optional.of(new JobWant(nodeId.get(), agents, host.get(), hostName));
    }

    /** Launches the wanted job on the first offer that fits; @return the offers left for the round */
    private List<Offer> launchJobIfWanted(String fid, List<Offer> offers) {
        Optional<JobWant> want = wantedJob();
        if (want.isEmpty()) {
            return launchUpgradeJobIfWanted(fid, offers);
        }
        return launchJob(fid, offers, JobTaskInfos.decommissionJobName(want.get().nodeId()),
                DecommissionJobs.decommission(config, want.get().nodeId(), want.get().hostIndex(),
                        want.get().hostName()), want.get().agentIds());
    }

    /** Launches a job on the first offer from one of {@code agentIds} that fits; @return the offers left */
    private List<Offer> launchJob(String fid, List<Offer> offers, String name, JobSpec spec, Set<String> agentIds) {
        ReservationOwner owner = new ReservationOwner(config.role(), config.principal());
        for (Offer offer : offers) {
            if (!agentIds.contains(offer.getAgentId().getValue())) {
                continue;
            }
            Optional<JobResources.Taken> taken = JobResources.take(offer, owner);
            if (taken.isEmpty()) {
                continue;
            }
            TaskInfo job = JobTaskInfos.build(config, fid, name, offer.getAgentId(), taken.get().task(),
                    taken.get().executor(), spec, UUID.randomUUID().toString());
            TaskRecord record = TaskRecord.launching(name, job.toByteString());
            store.storeTask(record);
            tasks.put(name, record);
            inFlight.put(name, clock.instant());
            LOG.info("launching {} on {}: cockroach {}", name, offer.getHostname(),
                    spec instanceof JobSpec.CockroachCommand c ? String.join(" ", c.args()) : "");
            CallResult result = send(SchedulerCalls.accept(fid, List.of(offer.getId()), List.of(
                    Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                            .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(job)).build()), REFUSE_UNFIT));
            if (!(result instanceof CallResult.Accepted)) {
                reconciliation.add(job.getTaskId().getValue());
                reconcileDue();
            }
            List<Offer> rest = new ArrayList<>(offers);
            rest.remove(offer);
            return rest;
        }
        return offers;
    }

    /**
     * A job's status. Its outcome is acted on (stored) before the job's record is dropped, and the
     * record before the acknowledgement: a crash in between asks Mesos again, and the decommission
     * is idempotent.
     */
    private void onJobUpdate(TaskRecord before, TaskStatus status) {
        String name = before.taskName();
        String taskId = status.getTaskId().getValue();
        inFlight.remove(name);
        boolean over = StatusReports.isTerminal(status.getState()) || status.getState() == TaskState.TASK_UNKNOWN;
        Optional<String> nodeId = JobTaskInfos.decommissionedNodeId(name);
        Optional<String> retry = Optional.empty();
        if (over && status.getState() == TaskState.TASK_FINISHED && nodeId.isEmpty()) {
            retry = upgradeJobFinished(name, status.getMessage());
        }
        if (!over) {
            TaskRecord after = before.withLastStatus(status.toByteString());
            store.storeTask(after);
            tasks.put(name, after);
        } else {
            if (status.getState() == TaskState.TASK_FINISHED && retry.isPresent()) {
                jobFailures.put(name, retry.get());
                backoffs.put(name, backoffs.getOrDefault(name, RelaunchBackoff.none()).failed(clock.instant()));
                LOG.info("{}: {}; it is run again", name, retry.get());
            } else if (status.getState() == TaskState.TASK_FINISHED) {
                nodeId.ifPresent(this::jobFinished);
                backoffs.remove(name);
                jobFailures.remove(name);
            } else {
                String why = status.getState().name() + (status.getMessage().isBlank() ? ""
                        : ": " + status.getMessage().strip().lines().reduce((a, b) -> b).orElse(""));
                jobFailures.put(name, why);
                backoffs.put(name, backoffs.getOrDefault(name, RelaunchBackoff.none()).failed(clock.instant()));
                LOG.warn("{} failed ({}); it is retried", name, why);
            }
            store.deleteTask(name);
            tasks.remove(name);
        }
        acknowledge(status);
        if (reconciliation.answered(taskId)) {
            finishReconciliationIfDone();
        }
        if (reconciled) {
            reviveForNewWork();
        }
    }

    /** Node {@code nodeId} holds no data and is marked decommissioned. */
    private void jobFinished(String nodeId) {
        Decommissions.Next next = decommissionNext();
        if (next.kind() == Decommissions.Kind.RUN_JOB && next.nodeId().equals(nodeId)) {
            Decommissions.Removal removal = next.removal().orElseThrow();
            storeProperty(Decommissions.PROPERTY_PREFIX + removal.taskName(),
                    next.record().at(DecommissionRecord.Stage.DECOMMISSIONED).encode());
            LOG.info("{}: node {} is decommissioned", removal.taskName(), nodeId);
        }
        for (Decommissions.ReplacedNode node : Decommissions.replaced(properties)) {
            if (node.nodeId().equals(nodeId) && !node.done()) {
                storeProperty(Decommissions.REPLACED_PROPERTY_PREFIX + nodeId,
                        new Decommissions.ReplacedNode(nodeId, node.pod(), true).encode());
                LOG.info("{}: its old node {} is decommissioned", node.pod(), nodeId);
            }
        }
    }

    /** An offer from the agent of a forgotten pod that shows its reservations gone ends the removal. */
    private void noteReservationsGone(List<Offer> offers) {
        Decommissions.Next next = decommissionNext();
        if (next.kind() == Decommissions.Kind.AWAIT_UNRESERVE
                && offers.stream().anyMatch(o -> Decommissions.goneFrom(next.record(), o))) {
            finishRemoval(next);
        }
    }

    /** The master took a cleanup that releases every reservation of the forgotten pod. */
    private void noteReservationsReleased(Offer offer, List<Offer.Operation> operations) {
        Decommissions.Next next = decommissionNext();
        if (next.kind() == Decommissions.Kind.AWAIT_UNRESERVE
                && Decommissions.releasedBy(next.record(), offer, operations)) {
            finishRemoval(next);
        }
    }

    private void finishRemoval(Decommissions.Next next) {
        Decommissions.Removal removal = next.removal().orElseThrow();
        storeProperty(Decommissions.PROPERTY_PREFIX + removal.taskName(),
                next.record().at(DecommissionRecord.Stage.DONE).encode());
        LOG.info("{} is removed: node decommissioned, task forgotten, reservations and volume released",
                removal.podName());
    }

    private Decommissions.JobProgress jobProgress(String nodeId) {
        String name = JobTaskInfos.decommissionJobName(nodeId);
        TaskRecord record = tasks.get(name);
        Instant now = clock.instant();
        RelaunchBackoff backoff = backoffs.getOrDefault(name, RelaunchBackoff.none());
        return new Decommissions.JobProgress(record != null && !StoredTasks.mayLaunch(record),
                backoff.delays(now) ? Optional.of(backoff.describe(now).replace("relaunch", "retry"))
                        : Optional.empty(),
                Optional.ofNullable(jobFailures.get(name)));
    }

    private Plan decommissionPlan() {
        return Decommissions.plan(removals(), decommissionGateWait, this::jobProgress, decommissionHeld());
    }

    private Plan replacePlan() {
        return Decommissions.replacePlan(Decommissions.replaced(properties), tasks, config.nodeCount(),
                this::jobProgress);
    }

    /**
     * Pause and resume apply; the others would skip or redo part of a decommission, which is never
     * safe to do from outside (a removed node must be decommissioned before it goes).
     */
    private CommandReply onDecommissionPlanCommand(PlanCommand command) {
        if (!(command instanceof PlanCommand.Interrupt) && !(command instanceof PlanCommand.Continue)) {
            return CommandReply.message(409, "the decommission plan takes only interrupt and continue: a node must be"
                    + " decommissioned before its task and volume go, so its steps cannot be skipped or redone");
        }
        PlanControl.Outcome outcome = decommissionControl.apply(command, decommissionPlan());
        if (!outcome.control().equals(decommissionControl)) {
            storeProperty(DECOMMISSION_CONTROL_PROPERTY, PlanControlJson.encode(outcome.control()));
            decommissionControl = outcome.control();
        }
        LOG.info("plan command on {}: {} -> {}", DecommissionPlan.NAME, command.getClass().getSimpleName(),
                outcome.result().message());
        reviveForNewWork();
        return CommandReply.of(outcome.result());
    }

    // --- major upgrades (the pure decisions are in Upgrades) ---------------------------------

    private Optional<UpgradeRecord> upgrade() {
        return property(UpgradeRecord.PROPERTY).map(UpgradeRecord::decode);
    }

    /** Starts (or ends) the upgrade's record when the target and the nodes say so, before anything acts. */
    private void recordUpgradeTransition() {
        Optional<UpgradeRecord> next = Upgrades.transition(config, tasks, upgrade());
        if (next.isPresent()) {
            storeProperty(UpgradeRecord.PROPERTY, next.get().encode());
            UpgradeRecord r = next.get();
            LOG.info(r.stage() == UpgradeRecord.Stage.ROLLED_BACK
                    ? "the target is back on {}: the unfinalized upgrade to {} is rolled back"
                    : "major upgrade from {} to {}: cluster.preserve_downgrade_option is set before any node restarts",
                    r.from(), r.to());
        }
    }

    /** Records a new upgrade; with AUTO_FINALIZE_UPGRADE, reads the health gate once it may be finalized. */
    private void advanceUpgrade() {
        recordUpgradeTransition();
        Optional<UpgradeRecord> record = upgrade();
        if (!config.autoFinalizeUpgrade() || record.isEmpty() || record.get().stage() != UpgradeRecord.Stage.ROLLING
                || !finalizeBlockers(record.get()).isEmpty() || !inFlight.isEmpty()) {
            upgradeGateWait = Optional.empty();
            upgradeHealthySince = Optional.empty();
            return;
        }
        if (upgradeGateReading) {
            return;
        }
        List<NodeHttpAddress> nodes = new ArrayList<>();
        Map<Integer, TaskInfo> launched = StoredTasks.launched(tasks.values());
        for (var node : NodePods.desired(config.nodeCount())) {
            nodes.add(new NodeHttpAddress(node.podName(), NodeAddresses.advertiseHost(config, node.index(),
                    NodeTaskInfos.hostname(launched.get(node.index()))), config.httpPort()));
        }
        upgradeGateReading = true;
        statusVars.fetchAll(nodes).whenComplete((read, failure) -> queue.add(new SchedulerEvent.UpgradeGateRead(
                read != null ? read : nodes.stream().map(n -> NodeVars.unreachable(n.node(), String.valueOf(failure)))
                        .toList())));
    }

    /** Why the upgrade may not be finalized now (empty: it may). */
    private List<String> finalizeBlockers(UpgradeRecord record) {
        boolean removing = decommissionNext().kind() != Decommissions.Kind.IDLE
                || Decommissions.replaced(properties).stream().anyMatch(n -> !n.done());
        return Upgrades.finalizeBlockers(config, record, tasks, removing);
    }

    private void onUpgradeGateRead(List<NodeVars> nodes) {
        upgradeGateReading = false;
        Optional<UpgradeRecord> record = upgrade();
        if (!config.autoFinalizeUpgrade() || record.isEmpty() || record.get().stage() != UpgradeRecord.Stage.ROLLING) {
            return;
        }
        Instant now = clock.instant();
        upgradeHealthySince = HealthGate.nextHealthySince(HealthGate.healthy(config.nodeCount(), nodes),
                upgradeHealthySince, now);
        GateVerdict verdict = HealthGate.evaluate(config.nodeCount(), nodes, upgradeHealthySince, now,
                config.gateSettle());
        if (verdict instanceof GateVerdict.Wait wait) {
            upgradeGateWait = Optional.of(wait.reason());
            return;
        }
        if (reconciled && inFlight.isEmpty() && finalizeBlockers(record.get()).isEmpty()) {
            startFinalizing(record.get(), "AUTO_FINALIZE_UPGRADE is set and the cluster health gate passed");
        }
    }

    /** Stored first: from here on the upgrade only goes forward, and the reset job follows on an offer. */
    private void startFinalizing(UpgradeRecord record, String why) {
        storeProperty(UpgradeRecord.PROPERTY, record.at(UpgradeRecord.Stage.FINALIZING).encode());
        upgradeGateWait = Optional.empty();
        upgradeHealthySince = Optional.empty();
        LOG.info("finalizing the upgrade from {} to {} ({})", record.from(), record.to(), why);
        reviveForNewWork();
    }

    /** Only start applies: finalization cannot be paused, skipped or undone once it runs. */
    private CommandReply onFinalizePlanCommand(PlanCommand command) {
        if (!(command instanceof PlanCommand.Start)) {
            return CommandReply.message(409, "the finalize plan takes only start: a finalization cannot be paused,"
                    + " skipped or undone");
        }
        Optional<UpgradeRecord> record = upgrade();
        if (record.isEmpty() || !record.get().open()) {
            return CommandReply.message(409, "no major upgrade awaits finalization");
        }
        UpgradeRecord r = record.get();
        if (r.stage() == UpgradeRecord.Stage.FINALIZING || r.stage() == UpgradeRecord.Stage.VERIFYING) {
            return CommandReply.message(208, org.cockroachdb.mesos.scheduler.plan.CommandResult.ALREADY_MESSAGE);
        }
        List<String> blockers = finalizeBlockers(r);
        if (!blockers.isEmpty()) {
            return CommandReply.message(409, "the upgrade from " + r.from() + " to " + r.to()
                    + " cannot be finalized yet: " + String.join("; ", blockers));
        }
        startFinalizing(r, "plan start finalize");
        return CommandReply.message(200, "Received cmd: start " + FinalizePlan.NAME);
    }

    /** An upgrade job to launch now: asking the lowest node that runs and is ready, on an agent with a live node. */
    private record UpgradeJobWant(String name, JobSpec spec, Set<String> agentIds) {}

    private Optional<UpgradeJobWant> wantedUpgradeJob() {
        Optional<UpgradeRecord> record = upgrade();
        Optional<String> name = Upgrades.job(record);
        if (!reconciled || name.isEmpty() || tasks.values().stream()
                .anyMatch(r -> JobTaskInfos.isJob(r.taskName()) && !StoredTasks.mayLaunch(r))
                || backoffs.getOrDefault(name.get(), RelaunchBackoff.none()).delays(clock.instant())) {
            return Optional.empty();
        }
        Set<String> agents = new HashSet<>();
        Optional<Integer> host = Optional.empty();
        for (var node : NodePods.desired(config.nodeCount())) {
            TaskRecord task = tasks.get(node.taskName());
            if (StoredTasks.isUp(task)) {
                agents.add(StoredTasks.info(task).getAgentId().getValue());
                host = host.or(() -> Optional.of(node.index()));
            }
        }
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String hostName = NodeTaskInfos.hostname(StoredTasks.info(tasks.get(NodePods.taskName(host.get()))));
        return Optional.of(new UpgradeJobWant(name.get(),
                Upgrades.jobSpec(name.get(), config, record.get(), host.get(), hostName), agents));
    }

    private List<Offer> launchUpgradeJobIfWanted(String fid, List<Offer> offers) {
        Optional<UpgradeJobWant> want = wantedUpgradeJob();
        return want.isEmpty() ? offers : launchJob(fid, offers, want.get().name(), want.get().spec(),
                want.get().agentIds());
    }

    /**
     * An upgrade job finished: its outcome is stored before its task record goes. A job of a stage
     * already passed (a restart ran it twice) changes nothing.
     *
     * @return why the job must run again (the version is not the new one yet), if it must
     */
    private Optional<String> upgradeJobFinished(String name, String output) {
        Optional<UpgradeRecord> record = upgrade();
        if (!Upgrades.job(record).equals(Optional.of(name))) {
            return Optional.empty();
        }
        Upgrades.AfterJob after = Upgrades.finished(record.get(), name, output);
        if (!after.record().equals(record.get())) {
            storeProperty(UpgradeRecord.PROPERTY, after.record().encode());
        }
        if (after.record().stage() != record.get().stage()) {
            LOG.info("{} finished: the upgrade from {} to {} is now {}", name, after.record().from(),
                    after.record().to(), after.record().stage());
        }
        return after.retry();
    }

    private Upgrades.JobProgress upgradeJobProgress(String name) {
        TaskRecord record = tasks.get(name);
        Instant now = clock.instant();
        RelaunchBackoff backoff = backoffs.getOrDefault(name, RelaunchBackoff.none());
        return new Upgrades.JobProgress(record != null && !StoredTasks.mayLaunch(record),
                backoff.delays(now) ? Optional.of(backoff.describe(now).replace("relaunch", "retry"))
                        : Optional.empty(),
                Optional.ofNullable(jobFailures.get(name)));
    }

    private Plan finalizePlan() {
        Optional<UpgradeRecord> record = upgrade();
        List<String> blockers = record.filter(UpgradeRecord::open).map(this::finalizeBlockers).orElse(List.of());
        String job = Upgrades.job(record).orElse(JobTaskInfos.RESET_PRESERVE_DOWNGRADE_JOB);
        return Upgrades.finalizePlan(record, blockers, config.autoFinalizeUpgrade(), upgradeGateWait,
                upgradeJobProgress(job));
    }

    private Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** Stored first, then remembered: persist, then act. */
    private void storeProperty(String key, String value) {
        store.storeProperty(key, value);
        properties.put(key, value);
    }

    private void deleteProperty(String key) {
        store.deleteProperty(key);
        properties.remove(key);
    }

    // --- recovery (the pure decisions are in Recoveries and AutoReplace) -----------------------

    private void storeMarks(Recoveries.Marks marks) {
        marks.store().forEach(this::storeProperty);
        marks.delete().forEach(this::deleteProperty);
    }

    /** The steps that may launch now: the deploy plan's, then the recovery plan's. */
    private List<Step> launchCandidates() {
        List<Step> steps = new ArrayList<>(recoverablePlan().candidates());
        steps.addAll(recoveryPlan().candidates());
        return steps;
    }

    private Plan recoveryPlan() {
        return RecoveryPlan.of(recoveryInputs());
    }

    private Set<String> recoveringPods() {
        return Recoveries.recoveringPods(recoveryInputs());
    }

    private List<RecoveryPlan.Input> recoveryInputs() {
        Instant now = clock.instant();
        Map<String, String> waits = autoReplace().waits();
        List<Recoveries.Known> known = new ArrayList<>();
        for (var node : NodePods.desired(config.nodeCount())) {
            String name = node.taskName();
            RelaunchBackoff backoff = backoffs.getOrDefault(name, RelaunchBackoff.none());
            known.add(new Recoveries.Known(node, tasks.get(name), inFlight.containsKey(name),
                    backoff.delays(now) ? Optional.of(backoff.describe(now)) : Optional.empty(),
                    Optional.ofNullable(waits.get(name)),
                    property(REPLACING_PROPERTY_PREFIX + name).map(ReplaceIntent::decode)));
        }
        return Recoveries.inputs(known, properties, nodeRevision,
                record -> StoredTasks.observed(List.of(record)).get(record.taskName()));
    }

    private AutoReplace.Verdict autoReplace() {
        List<AutoReplace.Node> nodes = new ArrayList<>();
        for (var node : NodePods.desired(config.nodeCount())) {
            TaskRecord record = tasks.get(node.taskName());
            Optional<AutoReplace.Lost> lost = Recoveries.lost(record)
                    ? Recoveries.lostSince(properties, node.taskName()).map(since -> new AutoReplace.Lost(
                            NodeTaskInfos.hostname(StoredTasks.info(record)), since,
                            !StoredTasks.lastState(record).equals(Optional.of(TaskState.TASK_UNREACHABLE))))
                    : Optional.empty();
            nodes.add(new AutoReplace.Node(node.podName(), node.taskName(), StoredTasks.isUp(record), lost,
                    property(REPLACING_PROPERTY_PREFIX + node.taskName()).isPresent()));
        }
        Optional<String> busy = decommissionNext().removal().map(r -> r.podName() + " is being removed")
                .or(() -> Decommissions.replaced(properties).stream().filter(n -> !n.done()).findFirst()
                        .map(n -> "old node " + n.nodeId() + " of " + n.pod() + " is not decommissioned yet"));
        return AutoReplace.decide(config.replaceAfter(), clock.instant(), nodes, busy);
    }

    /**
     * On every tick once reconciled: finish replaces a crash cut short (their kill never went out),
     * then replace a lost node when {@code REPLACE_AFTER_SECONDS} says so, as {@code pod replace} does.
     */
    private void recoverLostNodes() {
        for (var node : NodePods.desired(config.nodeCount())) {
            String name = node.taskName();
            TaskRecord record = tasks.get(name);
            Optional<ReplaceIntent> intent = property(REPLACING_PROPERTY_PREFIX + name).map(ReplaceIntent::decode);
            if (intent.isEmpty() || record == null || StoredTasks.mayLaunch(record) || inFlight.containsKey(name)
                    || !StoredTasks.info(record).getAgentId().getValue().equals(intent.get().agentId())
                    || restarting.contains(name) || !replaceKills.add(name)) {
                continue;
            }
            LOG.info("{}: being replaced; killing it on agent {}", name, intent.get().agentId());
            restarting.add(name);
            kill(record);
        }
        Optional<String> due = autoReplace().replaceNow();
        if (due.isPresent() && reconciled) {
            LOG.info("{}: its agent has been lost for REPLACE_AFTER_SECONDS={} and every other node is up;"
                    + " replacing it", due.get(), config.replaceAfter().toSeconds());
            replaceTask(due.get());
            reviveForNewWork();
        }
    }

    private void publishView() {
        Map<String, ServiceViews.KnownTask> known = new HashMap<>();
        for (TaskRecord record : tasks.values()) {
            known.put(record.taskName(), new ServiceViews.KnownTask(NodeTaskInfos.parse(record.taskInfo()),
                    record.lastStatus().map(StoredTasks::parseStatus)));
        }
        view.set(ServiceViews.of(config, frameworkId, List.of(PlanControl.render(deployPlan(), deployControl),
                recoveryPlan(), PlanControl.render(decommissionPlan(), decommissionControl), replacePlan(), finalizePlan(),
                backupPlan(BackupRequest.Kind.BACKUP), backupPlan(BackupRequest.Kind.RESTORE)), known,
                targetJson, !everReconciled));
    }

    // --- backup and restore (the pure decisions are in BackupJobs and BackupRequest) ------------

    /**
     * At start: a job asked for or running in a previous run cannot be carried on (its credentials
     * were never stored), so its step ends in ERROR and a task still running is killed once Mesos
     * is reachable. A record whose task is over (a crash before it was dropped) is settled here.
     */
    private void recoverBackupJobs() {
        for (BackupRequest.Kind kind : BackupRequest.Kind.values()) {
            String name = BackupJobs.taskName(kind);
            TaskRecord task = tasks.get(name);
            String restarted = String.format(BackupJobs.RESTARTED, kind.plan());
            if (task != null && StoredTasks.mayLaunch(task)) {
                TaskStatus last = StoredTasks.status(task).orElseThrow();
                storeProperty(BackupJobs.outcomeKey(kind), BackupJobs.outcome(kind, last, Optional.empty()).encode());
                store.deleteTask(name);
                tasks.remove(name);
            } else if (task != null) {
                LOG.warn("{}: {}; it is killed", name, restarted);
                backupJobs.abandon(name, restarted);
                storeProperty(BackupJobs.outcomeKey(kind), BackupOutcome.error(restarted).encode());
            } else if (property(BackupJobs.outcomeKey(kind)).map(BackupOutcome::decode)
                    .filter(o -> o.stage() == BackupOutcome.Stage.REQUESTED).isPresent()) {
                LOG.warn("{}: {}", kind.plan(), restarted);
                storeProperty(BackupJobs.outcomeKey(kind), BackupOutcome.error(restarted).encode());
            }
        }
    }

    private Plan backupPlan(BackupRequest.Kind kind) {
        String name = BackupJobs.taskName(kind);
        Optional<TaskRecord> task = Optional.ofNullable(tasks.get(name));
        boolean waiting = backupJobs.waiting(kind).isPresent();
        Optional<BackupOutcome> outcome = property(BackupJobs.outcomeKey(kind)).map(BackupOutcome::decode);
        StepStatus step = BackupJobs.step(kind, waiting, task, Optional.ofNullable(backupJobs.abandoned().get(name)),
                outcome);
        boolean neverStarted = !waiting && task.isEmpty() && outcome.isEmpty();
        return BackupPlan.of(kind, step, neverStarted);
    }

    /**
     * {@code start} checks the parameters and, when no backup or restore runs, keeps the request (with
     * its credentials) in memory for the launch and stores only what is no secret; {@code stop} ends
     * a job that waits or runs. A job is never relaunched: its credentials are gone once it launched.
     */
    private CommandReply onBackupPlanCommand(BackupRequest.Kind kind, PlanCommand command) {
        if (command instanceof PlanCommand.Start start) {
            Optional<String> busy = backupJobs.busy(tasks);
            if (busy.isPresent()) {
                return CommandReply.message(409, busy.get());
            }
            Optional<String> badName = PlanParameters.problem(start.parameters());
            if (badName.isPresent()) {
                return CommandReply.message(400, badName.get());
            }
            BackupRequest.Parsed parsed = BackupRequest.parse(kind, start.parameters(), config.cockroachVersion(),
                    clock.instant());
            if (parsed instanceof BackupRequest.Parsed.Refused refused) {
                return CommandReply.message(400, refused.reason());
            }
            BackupRequest request = ((BackupRequest.Parsed.Accepted) parsed).request();
            PlanControl control = new PlanControl(false, new TreeSet<>(), new TreeSet<>(),
                    new TreeMap<>(start.parameters()));
            storeProperty(BackupJobs.controlKey(kind), PlanControlJson.encode(control));
            storeProperty(BackupJobs.outcomeKey(kind), BackupOutcome.requested(BackupJobs.describe(request)).encode());
            backupJobs.request(request);
            LOG.info("{} requested: {}", kind.plan(), BackupJobs.describe(request));
            reviveForNewWork();
            return CommandReply.message(200, "Received cmd: start " + kind.plan() + " with parameters: "
                    + PlanParameters.shown(start.parameters()));
        }
        if (command instanceof PlanCommand.Stop) {
            String name = BackupJobs.taskName(kind);
            TaskRecord task = tasks.get(name);
            if (backupJobs.drop(kind)) {
                storeProperty(BackupJobs.outcomeKey(kind), BackupOutcome.error(BackupJobs.STOPPED).encode());
            } else if (task != null && !StoredTasks.mayLaunch(task)) {
                backupJobs.abandon(name, BackupJobs.STOPPED);
                storeProperty(BackupJobs.outcomeKey(kind), BackupOutcome.error(BackupJobs.STOPPED).encode());
                kill(task);
            } else {
                return CommandReply.message(208, CommandResult.ALREADY_MESSAGE);
            }
            LOG.info("{}: stopped by the operator", kind.plan());
            return CommandReply.message(200, "Received cmd: stop");
        }
        return CommandReply.message(409, "the " + kind.plan() + " plan takes start and stop only: each start runs one"
                + " job, which cannot be paused, skipped or rerun without its credentials");
    }

    /** One job at a time, on an agent that runs a live node, which is the node it talks to. */
    private List<Offer> launchBackupIfWanted(String fid, List<Offer> offers) {
        Optional<BackupRequest> wanted = backupJobs.waiting();
        if (wanted.isEmpty() || tasks.values().stream()
                .anyMatch(r -> JobTaskInfos.isJob(r.taskName()) && !StoredTasks.mayLaunch(r))) {
            return offers;
        }
        BackupRequest request = wanted.get();
        Map<String, Integer> liveNodeByAgent = new HashMap<>();
        for (var node : NodePods.desired(config.nodeCount())) {
            TaskRecord record = tasks.get(node.taskName());
            if (StoredTasks.isUp(record)) {
                liveNodeByAgent.putIfAbsent(StoredTasks.info(record).getAgentId().getValue(), node.index());
            }
        }
        ReservationOwner owner = new ReservationOwner(config.role(), config.principal());
        for (Offer offer : offers) {
            Integer host = liveNodeByAgent.get(offer.getAgentId().getValue());
            Optional<JobResources.Taken> taken = host == null ? Optional.empty() : JobResources.take(offer, owner);
            if (taken.isEmpty()) {
                continue;
            }
            String name = BackupJobs.taskName(request.kind());
            String hostName = NodeTaskInfos.hostname(StoredTasks.info(tasks.get(NodePods.taskName(host))));
            JobSpec spec = BackupJobSpecs.of(config, request, host, hostName);
            TaskInfo job = JobTaskInfos.build(config, fid, name, offer.getAgentId(), taken.get().task(),
                    taken.get().executor(), spec, request.keys().environment(), UUID.randomUUID().toString());
            TaskRecord record = TaskRecord.launching(name, REDACTION.redact(job).toByteString());
            store.storeTask(record);
            tasks.put(name, record);
            inFlight.put(name, clock.instant());
            backupJobs.launched(request.kind());
            LOG.info("launching {} on {}: {}, through {}", name, offer.getHostname(), BackupJobs.describe(request),
                    NodePods.podName(host));
            CallResult result = send(SchedulerCalls.accept(fid, List.of(offer.getId()), List.of(
                    Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
                            .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(job)).build()), REFUSE_UNFIT));
            if (!(result instanceof CallResult.Accepted)) {
                reconciliation.add(job.getTaskId().getValue());
                reconcileDue();
            }
            List<Offer> rest = new ArrayList<>(offers);
            rest.remove(offer);
            return rest;
        }
        return offers;
    }

    /**
     * A backup or restore job's status: progress is stored with the task; its end is stored as the
     * plan's outcome before the task record goes, and both before the acknowledgement.
     */
    private void onBackupJobUpdate(TaskRecord before, TaskStatus status) {
        String name = before.taskName();
        BackupRequest.Kind kind = BackupJobs.kindOfTask(name).orElseThrow();
        inFlight.remove(name);
        boolean over = StatusReports.isTerminal(status.getState()) || status.getState() == TaskState.TASK_UNKNOWN;
        if (!over) {
            TaskRecord after = before.withLastStatus(status.toByteString());
            store.storeTask(after);
            tasks.put(name, after);
        } else {
            BackupOutcome outcome = BackupJobs.outcome(kind, status, Optional.ofNullable(backupJobs.abandoned().get(name)));
            storeProperty(BackupJobs.outcomeKey(kind), outcome.encode());
            store.deleteTask(name);
            tasks.remove(name);
            backupJobs.ended(name);
            LOG.info("{}: {} ({}): {}", name, outcome.stage() == BackupOutcome.Stage.COMPLETE ? "done" : "failed",
                    status.getState(), outcome.message());
        }
        acknowledge(status);
        if (reconciliation.answered(status.getTaskId().getValue())) {
            finishReconciliationIfDone();
        }
        if (reconciled) {
            reviveForNewWork();
        }
    }

    /** Jobs of a previous run, or stopped: killed until Mesos reports them over. */
    private void killAbandonedJobs(Instant now) {
        if (backupJobs.abandoned().isEmpty()
                || Duration.between(lastAbandonedKill, now).compareTo(ABANDONED_KILL_EVERY) < 0) {
            return;
        }
        lastAbandonedKill = now;
        for (String name : backupJobs.abandoned().keySet()) {
            TaskRecord task = tasks.get(name);
            if (task != null && !StoredTasks.mayLaunch(task)) {
                LOG.info("{}: killing it ({})", name, backupJobs.abandoned().get(name));
                kill(task);
            }
        }
    }
}
