package org.cockroachdb.mesos.scheduler.uninstall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
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
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.loop.MesosCalls;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.mesos.SchedulerCalls;
import org.cockroachdb.mesos.scheduler.mesos.StatusReports;
import org.cockroachdb.mesos.scheduler.offer.OrphanCollector;
import org.cockroachdb.mesos.scheduler.offer.ReservationIds;
import org.cockroachdb.mesos.scheduler.offer.ReservationOwner;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;
import org.cockroachdb.mesos.scheduler.plan.PlanControl;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.plan.StepRef;
import org.cockroachdb.mesos.scheduler.state.StateStore;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loop of an uninstall, in place of the normal one: kill every task, release every
 * reservation and volume of ours as its agent offers it (DESTROY before UNRESERVE, only what carries
 * our role, principal and resource id), then tear the framework down and delete the ZooKeeper
 * state. The plan ({@link UninstallPlan}) decides what comes next; progress is persisted before it
 * is acted on, so a restarted scheduler carries on. It never launches anything.
 */
public final class UninstallLoop implements SchedulerListener, Commands, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UninstallLoop.class);
    /** Set before the first kill; while it is stored, every start of the scheduler uninstalls. */
    public static final String UNINSTALLING_PROPERTY = UninstallProgress.UNINSTALLING;
    private static final Duration TICK = Duration.ofSeconds(1);
    /** A KILL not answered by the end of the task is sent again this often. */
    static final Duration KILL_RETRY = Duration.ofSeconds(10);
    /** While reservations wait for their agent's offer, offer filters are cleared this often. */
    static final Duration REVIVE_EVERY = Duration.ofSeconds(15);
    /** An offer we may need soon (tasks still ending, reservations still waiting) comes back soon. */
    private static final double REFUSE_WHILE_WAITING = 2;
    private static final double REFUSE_UNNEEDED = 3600;

    private final ServiceConfig config;
    private final ReservationOwner owner;
    private final StateStore store;
    private final Clock clock;
    private final String frameworkId;
    private final BlockingQueue<UninstallEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<ServiceView> view = new AtomicReference<>();
    private final Thread thread;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "uninstall-tick");
        t.setDaemon(true);
        return t;
    });
    private volatile MesosCalls mesos;
    private volatile Runnable stopSubscription;
    /** Set once TEARDOWN went out: the stream ending after it is expected. */
    private volatile boolean tearingDown;

    // Loop-thread state.
    private final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    private final Map<String, String> taskNamesById = new HashMap<>();
    private final Map<String, String> properties = new HashMap<>();
    private final List<UninstallPlan.AgentReservations> agents;
    private final Map<String, SortedSet<String>> released = new TreeMap<>();
    private SortedSet<StepRef> forced;
    private final Map<String, Instant> killsSent = new HashMap<>();
    private Optional<Instant> lastRevive = Optional.empty();
    private boolean subscribed;
    private boolean frameworkGone;
    private boolean erased;
    private boolean tornDown;

    /** @throws IllegalArgumentException if no framework id is stored: there is nothing to uninstall from Mesos */
    public UninstallLoop(ServiceConfig config, StateStore store, Clock clock) {
        this.config = config;
        this.owner = new ReservationOwner(config.role(), config.principal());
        this.store = store;
        this.clock = clock;
        this.frameworkId = store.frameworkId().orElseThrow(() -> new IllegalArgumentException(
                "no framework id is stored: the service never registered, or its uninstall finished"));
        for (TaskRecord record : store.tasks()) {
            tasks.put(record.taskName(), record);
            taskNamesById.put(NodeTaskInfos.parse(record.taskInfo()).getTaskId().getValue(), record.taskName());
        }
        properties.putAll(store.properties());
        // The stored TaskInfos do not change any more (nothing is launched), so neither do the agents.
        this.agents = UninstallInventory.reservations(tasks.values(), properties);
        properties.forEach((key, value) -> {
            if (key.startsWith(UninstallProgress.RELEASED_PREFIX)) {
                released.put(key.substring(UninstallProgress.RELEASED_PREFIX.length()),
                        UninstallProgress.decodeIds(value));
            }
        });
        this.forced = Optional.ofNullable(properties.get(UninstallProgress.FORCED))
                .map(UninstallProgress::decodeForced).orElseGet(TreeSet::new);
        publishView();
        this.thread = new Thread(this::run, "uninstall-loop");
        thread.setDaemon(true);
    }

    /**
     * Records that the uninstall started (before anything is killed), then handles events; calls go to
     * {@code calls}, and {@code stopSubscription} ends the subscription once the framework is torn down.
     */
    public void start(MesosCalls calls, Runnable stopSubscription) {
        this.mesos = calls;
        this.stopSubscription = stopSubscription;
        if (!properties.containsKey(UNINSTALLING_PROPERTY)) {
            storeProperty(UNINSTALLING_PROPERTY, "true");
            LOG.info("uninstalling {}: {} task(s) to kill, reservations on {} agent(s) to release",
                    config.serviceName(), tasks.size(), agents.size());
        } else {
            LOG.info("carrying on with the uninstall of {}", config.serviceName());
        }
        thread.start();
        ticker.scheduleWithFixedDelay(() -> queue.add(new UninstallEvent.Tick()), TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public ServiceView view() {
        return view.get();
    }

    /** Always the stored id: an uninstall never registers a framework of its own. */
    public Optional<String> frameworkIdForSubscribe() {
        return Optional.of(frameworkId);
    }

    @Override
    public void subscribed(SchedulerSession session) {
        queue.add(new UninstallEvent.Subscribed(session));
    }

    @Override
    public void received(Event event) {
        if (event.getType() != Event.Type.SUBSCRIBED) {
            queue.add(new UninstallEvent.Received(event));
        }
    }

    @Override
    public void disconnected(String reason) {
        queue.add(new UninstallEvent.Disconnected(reason));
    }

    @Override
    public ErrorReaction errorReceived(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("removed") || lower.contains("completed") || lower.contains("torn down")) {
            if (!tearingDown) {
                queue.add(new UninstallEvent.FrameworkGone(message));
            }
            return ErrorReaction.STOP;
        }
        LOG.error("Mesos ended our subscription: {}", message);
        return ErrorReaction.RESUBSCRIBE;
    }

    @Override
    public CompletableFuture<CommandReply> plan(String planName, PlanCommand command) {
        CompletableFuture<CommandReply> reply = new CompletableFuture<>();
        queue.add(new UninstallEvent.PlanCommandGiven(planName, command, reply));
        return reply;
    }

    @Override
    public CompletableFuture<CommandReply> pod(PodCommand command) {
        return CompletableFuture.completedFuture(UninstallCommands.pod());
    }

    @Override
    public void close() {
        queue.add(new UninstallEvent.Stop());
        ticker.shutdownNow();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            UninstallEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (event instanceof UninstallEvent.Stop) {
                return;
            }
            try {
                handle(event);
                advance();
                publishView();
            } catch (Throwable e) {
                // As in the normal loop: no zombie; a restart carries on from the stored progress.
                LOG.error("the uninstall loop failed on {}; exiting so the scheduler restarts and carries on",
                        event.getClass().getSimpleName(), e);
                Runtime.getRuntime().halt(1);
            }
        }
    }

    private void handle(UninstallEvent event) {
        if (event instanceof UninstallEvent.Subscribed s) {
            onSubscribed(s.session());
        } else if (event instanceof UninstallEvent.Received r) {
            onEvent(r.event());
        } else if (event instanceof UninstallEvent.Disconnected d) {
            if (!tornDown) {
                LOG.warn("disconnected from Mesos: {}", d.reason());
            }
            subscribed = false;
        } else if (event instanceof UninstallEvent.FrameworkGone g) {
            LOG.error("Mesos removed framework {} ({}): its tasks are gone with it; its reservations can no longer"
                    + " be released by it", frameworkId, g.message());
            frameworkGone = true;
            subscribed = false;
        } else if (event instanceof UninstallEvent.PlanCommandGiven c && !c.reply().isDone()) {
            c.reply().complete(onPlanCommand(c.plan(), c.command()));
        }
    }

    private void onSubscribed(SchedulerSession session) {
        if (tornDown) {
            return;
        }
        String id = session.subscribed().getFrameworkId().getValue();
        if (!id.equals(frameworkId)) {
            throw new IllegalStateException("subscribed as framework " + id + " instead of " + frameworkId);
        }
        LOG.info("subscribed to Mesos as framework {} to uninstall it", id);
        subscribed = true;
        lastRevive = Optional.empty();
        List<SchedulerCalls.KnownTask> unfinished = new ArrayList<>();
        for (TaskRecord record : tasks.values()) {
            if (!UninstallPlan.over(UninstallInventory.state(record))) {
                TaskInfo info = NodeTaskInfos.parse(record.taskInfo());
                unfinished.add(new SchedulerCalls.KnownTask(info.getTaskId(), Optional.of(info.getAgentId())));
            }
        }
        if (!unfinished.isEmpty()) {
            send(SchedulerCalls.reconcile(frameworkId, unfinished));
        }
    }

    private void onEvent(Event event) {
        switch (event.getType()) {
            case OFFERS -> onOffers(event.getOffers().getOffersList());
            case UPDATE -> onUpdate(event.getUpdate().getStatus());
            case ERROR -> LOG.error("Mesos error: {}", event.getError().getMessage());
            default -> { }
        }
    }

    private void onUpdate(TaskStatus status) {
        String name = taskNamesById.get(status.getTaskId().getValue());
        if (name != null) {
            TaskRecord before = tasks.get(name);
            Optional<TaskState> previous = UninstallInventory.state(before);
            TaskRecord after = before.withLastStatus(status.toByteString()).withReady(false);
            if (!erased) {
                store.storeTask(after);
            }
            tasks.put(name, after);
            if (!previous.equals(Optional.of(status.getState()))) {
                LOG.info("{}: {}{}", name, status.getState(),
                        status.getMessage().isEmpty() ? "" : ": " + status.getMessage());
            }
        } else if (!StatusReports.isTerminal(status.getState())
                && status.getReason() != TaskStatus.Reason.REASON_RECONCILIATION && !tornDown) {
            LOG.warn("killing task {} ({}): not one of ours as stored, and nothing of ours may run now",
                    status.getTaskId().getValue(), status.getState());
            send(SchedulerCalls.kill(frameworkId, status.getTaskId(),
                    status.hasAgentId() ? Optional.of(status.getAgentId()) : Optional.empty()));
        }
        if (status.hasUuid() && !tornDown) {
            send(SchedulerCalls.acknowledge(frameworkId, status));
        }
    }

    /**
     * Releases everything of ours an offer holds once every task is over (a running task's resources
     * are not offered, and releasing under a task that may still run would pull them from under
     * it). A reservation counts as released only once an offer from its agent no longer carries it:
     * an ACCEPT may fail, or be dropped by the master.
     */
    private void onOffers(List<Offer> offers) {
        if (tornDown) {
            return;
        }
        Plan plan = plan();
        boolean releasing = !erased && UninstallPlan.phaseComplete(plan, UninstallPlan.KILL_PHASE);
        if (releasing) {
            UninstallInventory.goneFrom(offers, agents).forEach(this::noteReleased);
            plan = plan();
        }
        boolean waiting = !UninstallPlan.phaseComplete(plan, UninstallPlan.UNRESERVE_PHASE);
        List<OfferID> unneeded = new ArrayList<>();
        for (Offer offer : offers) {
            List<Offer.Operation> operations = releasing ? OrphanCollector.operations(offer, Set.of(), owner)
                    : List.of();
            if (operations.isEmpty()) {
                unneeded.add(offer.getId());
                continue;
            }
            LOG.info("releasing reservations of ours on {}: {}", offer.getHostname(), operations.stream()
                    .map(o -> o.getType().name()).toList());
            send(SchedulerCalls.accept(frameworkId, List.of(offer.getId()), operations, REFUSE_WHILE_WAITING));
        }
        if (!unneeded.isEmpty()) {
            send(SchedulerCalls.decline(frameworkId, unneeded, waiting ? REFUSE_WHILE_WAITING : REFUSE_UNNEEDED));
        }
    }

    private void noteReleased(String agent, Set<String> gone) {
        SortedSet<String> ids = new TreeSet<>(released.getOrDefault(agent, new TreeSet<>()));
        ids.addAll(gone);
        if (!ids.equals(released.get(agent))) {
            storeProperty(UninstallProgress.RELEASED_PREFIX + agent, UninstallProgress.encodeIds(ids));
            released.put(agent, ids);
        }
    }

    /** Does what the plan says comes next; called after every event and tick. */
    private void advance() {
        if (erased) {
            return;
        }
        Plan plan = plan();
        if (!UninstallPlan.phaseComplete(plan, UninstallPlan.KILL_PHASE)) {
            if (subscribed) {
                killDue(plan);
            }
            return;
        }
        if (!UninstallPlan.phaseComplete(plan, UninstallPlan.UNRESERVE_PHASE)) {
            if (subscribed) {
                reviveIfDue();
            }
            return;
        }
        // TEARDOWN before the state goes: a crash in between leaves the uninstall mark, so the next
        // start finds the framework gone and deletes the state; the other way round would leave the
        // framework registered with nothing left to tear it down.
        if (!tornDown) {
            if (frameworkGone) {
                tornDown = true;
                LOG.info("the framework {} was already gone from Mesos", frameworkId);
            } else if (subscribed) {
                tearingDown = true;
                if (!(send(SchedulerCalls.teardown(frameworkId)) instanceof CallResult.Accepted)) {
                    return;
                }
                tornDown = true;
                subscribed = false;
                LOG.info("framework {} torn down", frameworkId);
                stopSubscription.run();
            } else {
                return;
            }
        }
        boolean rootGone = store.deleteAll();
        erased = true;
        LOG.info("deleted the state of {} from ZooKeeper{}; its uninstall is complete", config.serviceName(),
                rootGone ? "" : "; its root node " + config.zkRoot() + " stays (ZooKeeper does not permit deleting it)");
    }

    /** KILL each task whose step is not complete: at once, then again every {@link #KILL_RETRY}. */
    private void killDue(Plan plan) {
        Instant now = clock.instant();
        for (Step step : plan.phases().get(0).steps()) {
            TaskRecord record = tasks.get(step.name());
            if (step.status() == Status.COMPLETE || record == null) {
                continue;
            }
            Instant sent = killsSent.get(step.name());
            if (sent != null && Duration.between(sent, now).compareTo(KILL_RETRY) < 0) {
                continue;
            }
            TaskInfo info = NodeTaskInfos.parse(record.taskInfo());
            if (sent == null) {
                LOG.info("{}: killing it", step.name());
            } else {
                LOG.debug("{}: killing it again: it has not ended yet", step.name());
            }
            if (send(SchedulerCalls.kill(frameworkId, info.getTaskId(), Optional.of(info.getAgentId())))
                    instanceof CallResult.Accepted) {
                killsSent.put(step.name(), now);
            }
        }
    }

    /** REVIVE while reservations wait: offer filters must not hide an agent that holds some. */
    private void reviveIfDue() {
        Instant now = clock.instant();
        if (lastRevive.isPresent() && Duration.between(lastRevive.get(), now).compareTo(REVIVE_EVERY) < 0) {
            return;
        }
        if (send(SchedulerCalls.revive(frameworkId, config.role())) instanceof CallResult.Accepted) {
            lastRevive = Optional.of(now);
        }
    }

    private CommandReply onPlanCommand(String planName, PlanCommand command) {
        UninstallCommands.Outcome outcome = UninstallCommands.plan(planName, command, computedPlan(), forced);
        if (!outcome.forced().equals(forced)) {
            if (!erased) {
                storeProperty(UninstallProgress.FORCED, UninstallProgress.encodeForced(outcome.forced()));
            }
            forced = outcome.forced();
        }
        LOG.info("plan command on {}: {} -> {}", planName, command.getClass().getSimpleName(), outcome.reply().json());
        return outcome.reply();
    }

    private Plan computedPlan() {
        UninstallPlan.Deregistration deregistration = tornDown ? UninstallPlan.Deregistration.TORN_DOWN
                : erased ? UninstallPlan.Deregistration.STATE_DELETED : UninstallPlan.Deregistration.PENDING;
        return UninstallPlan.of(new UninstallPlan.Input(UninstallInventory.tasks(tasks.values(), killsSent.keySet()),
                agents, new HashMap<String, Set<String>>(released), frameworkGone, deregistration));
    }

    /** The plan as the operator sees it: forced steps shown complete. */
    private Plan plan() {
        return PlanControl.render(computedPlan(), new PlanControl(false, new TreeSet<>(), forced, new TreeMap<>()));
    }

    private CallResult send(Call call) {
        CallResult result = mesos.send(call);
        if (!(result instanceof CallResult.Accepted)) {
            LOG.warn("{} call not accepted: {}", call.getType(), result.describe());
        }
        return result;
    }

    /** Stored first, then remembered: persist, then act. */
    private void storeProperty(String key, String value) {
        store.storeProperty(key, value);
        properties.put(key, value);
    }

    private void publishView() {
        view.set(UninstallViews.of(config.serviceName().value(), erased ? Optional.empty() : Optional.of(frameworkId),
                plan(), tasks.values()));
    }
}
