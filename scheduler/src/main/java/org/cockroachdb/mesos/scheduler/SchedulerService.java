package org.cockroachdb.mesos.scheduler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.cockroachdb.mesos.http.detect.MasterDetectors;
import org.cockroachdb.mesos.http.scheduler.SchedulerClient;
import org.cockroachdb.mesos.scheduler.api.ApiServer;
import org.cockroachdb.mesos.scheduler.api.ServiceView;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.config.UninstallFlag;
import org.cockroachdb.mesos.scheduler.loop.MesosCalls;
import org.cockroachdb.mesos.scheduler.loop.SchedulerLoop;
import org.cockroachdb.mesos.scheduler.loop.TargetDecision;
import org.cockroachdb.mesos.scheduler.mesos.FrameworkInfos;
import org.cockroachdb.mesos.scheduler.mesos.SchedulerCalls;
import org.cockroachdb.mesos.scheduler.state.ConfigRevision;
import org.cockroachdb.mesos.scheduler.state.CuratorZkStore;
import org.cockroachdb.mesos.scheduler.state.StateStore;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.cockroachdb.mesos.scheduler.state.ZkConnection;
import org.cockroachdb.mesos.scheduler.uninstall.UninstallLoop;
import org.cockroachdb.mesos.scheduler.uninstall.Uninstalled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running scheduler, wired in the order that matters: the ZooKeeper lock before any other state
 * access, then the target config, then the API, then Mesos. When the package is uninstalled
 * ({@code SDK_UNINSTALL=true}, or an uninstall already started) the uninstall loop runs instead of
 * the normal one.
 */
public final class SchedulerService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);
    private static final Duration LEADERSHIP_WAIT = Duration.ofSeconds(30);

    /** Why the scheduler cannot start; {@link SchedulerMain} maps each to an exit code. */
    public static final class CannotStart extends Exception {
        private final boolean invalidConfig;

        CannotStart(String message, boolean invalidConfig) {
            super(message);
            this.invalidConfig = invalidConfig;
        }

        public boolean invalidConfig() {
            return invalidConfig;
        }
    }

    private final CuratorZkStore zk;
    private final StateStore store;
    private final Supplier<ServiceView> view;
    /** Stops the event loop; nothing to stop after an uninstall finished. */
    private final Runnable stopLoop;
    private final ApiServer api;
    /** Empty after an uninstall finished: nothing subscribes to Mesos then. */
    private final Optional<SchedulerClient> client;

    private SchedulerService(CuratorZkStore zk, StateStore store, Supplier<ServiceView> view, Runnable stopLoop,
            ApiServer api, Optional<SchedulerClient> client) {
        this.zk = zk;
        this.store = store;
        this.view = view;
        this.stopLoop = stopLoop;
        this.api = api;
        this.client = client;
    }

    public static SchedulerService start(Map<String, String> env) throws CannotStart, InterruptedException {
        return start(env, calls -> calls);
    }

    /** @param observeCalls wraps the calls to Mesos (tests check what is persisted when a call is made) */
    public static SchedulerService start(Map<String, String> env, UnaryOperator<MesosCalls> observeCalls)
            throws CannotStart, InterruptedException {
        UninstallFlag.Parsed uninstallFlag = UninstallFlag.parse(env);
        if (uninstallFlag instanceof UninstallFlag.Parsed.Invalid invalid) {
            throw new CannotStart("invalid configuration: " + invalid.error(), true);
        }
        ServiceConfig located = locate(env);
        String host = hostname();
        CuratorZkStore zk = CuratorZkStore.connect(ZkConnection.of(located.zookeeper().connectString(),
                located.serviceName().value()));
        Optional<StateStore> leading;
        try {
            leading = StateStore.lead(zk, host + ":" + ProcessHandle.current().pid(), StateStore.Options.defaults(),
                    LEADERSHIP_WAIT);
        } catch (InterruptedException | RuntimeException e) {
            zk.close();
            throw e;
        }
        if (leading.isEmpty()) {
            zk.close();
            throw new CannotStart("another scheduler of " + located.serviceName() + " holds the lock "
                    + located.zkRoot() + "/lock", false);
        }
        StateStore store = leading.get();
        boolean uninstallRequested = ((UninstallFlag.Parsed.Valid) uninstallFlag).uninstall();
        if (uninstallRequested || store.property(UninstallLoop.UNINSTALLING_PROPERTY).isPresent()) {
            return uninstall(env, zk, store, host, uninstallRequested, observeCalls);
        }
        TargetDecision decision = TargetDecision.decide(env, store.target(),
                store.tasks().stream().map(TaskRecord::taskName).toList(),
                store.property(SchedulerLoop.UPGRADE_PROPERTY));
        if (decision instanceof TargetDecision.Refuse refuse) {
            store.close();
            zk.close();
            throw new CannotStart("invalid configuration: " + String.join("; ", refuse.errors()), true);
        }
        TargetDecision.Run run = (TargetDecision.Run) decision;
        run.warnings().forEach(w -> LOG.warn("{}", w));
        run.errors().forEach(e -> LOG.error("configuration refused: {}", e));
        ConfigRevision target = run.storeAsNew() ? store.storeTarget(run.json()) : store.target().orElseThrow();
        // The revision the nodes must run: only a change to what they run moves it on.
        long nodeRevision = store.property(SchedulerLoop.NODE_REVISION_PROPERTY).map(Long::parseLong)
                .orElse(target.revision());
        if (run.relaunchesNodes() || store.property(SchedulerLoop.NODE_REVISION_PROPERTY).isEmpty()) {
            nodeRevision = run.relaunchesNodes() ? target.revision() : nodeRevision;
            store.storeProperty(SchedulerLoop.NODE_REVISION_PROPERTY, Long.toString(nodeRevision));
        }
        ServiceConfig config = run.config();
        LOG.info("running target configuration revision {} of {}: {} node(s), cockroach {}", target.revision(),
                config.serviceName(), config.nodeCount(), config.cockroachVersion());

        SchedulerLoop loop = new SchedulerLoop(config, target.revision(), nodeRevision, target.json(), run.errors(),
                store, Clock.systemUTC());
        ApiServer api = ApiServer.start("0.0.0.0", config.apiPort(), loop::view, loop);
        LOG.info("API listening on port {}", api.port());
        SchedulerClient client = SchedulerClient.builder(MasterDetectors.fromUrl(config.mesosMaster().address()),
                () -> SchedulerCalls.subscribe(FrameworkInfos.of(config, loop.frameworkIdForSubscribe(), host)), loop)
                .build();
        loop.start(observeCalls.apply(client::send));
        client.start();
        return new SchedulerService(zk, store, loop::view, loop::close, api, Optional.of(client));
    }

    /**
     * The uninstall flow instead of the normal loop. Once it started (stored), it carries on at every
     * start, SDK_UNINSTALL or not. With no framework id stored, the uninstall is over (or nothing
     * ever registered): serve a complete plan and never register with Mesos.
     */
    private static SchedulerService uninstall(Map<String, String> env, CuratorZkStore zk, StateStore store,
            String host, boolean requested, UnaryOperator<MesosCalls> observeCalls) throws CannotStart {
        if (!requested) {
            LOG.warn("{} is not set to true, but an uninstall was started earlier: carrying on with it",
                    UninstallFlag.VARIABLE);
        }
        TargetDecision decision = TargetDecision.decide(env, store.target());
        if (decision instanceof TargetDecision.Refuse refuse) {
            store.close();
            zk.close();
            throw new CannotStart("invalid configuration: " + String.join("; ", refuse.errors()), true);
        }
        ServiceConfig config = ((TargetDecision.Run) decision).config();
        if (store.frameworkId().isEmpty()) {
            // Reaching the lock recreated the root; nothing else may stay behind.
            boolean rootGone = store.deleteAll();
            LOG.info("{} is uninstalled (no framework id is stored); serving a complete plan and never registering"
                    + " with Mesos{}", config.serviceName(), rootGone ? "" : "; ZooKeeper keeps " + config.zkRoot());
            Uninstalled uninstalled = new Uninstalled(config.serviceName().value());
            ApiServer api = ApiServer.start("0.0.0.0", config.apiPort(), uninstalled::view, uninstalled);
            LOG.info("API listening on port {}", api.port());
            return new SchedulerService(zk, store, uninstalled::view, () -> { }, api, Optional.empty());
        }
        UninstallLoop loop = new UninstallLoop(config, store, Clock.systemUTC());
        ApiServer api = ApiServer.start("0.0.0.0", config.apiPort(), loop::view, loop);
        LOG.info("API listening on port {}", api.port());
        SchedulerClient client = SchedulerClient.builder(MasterDetectors.fromUrl(config.mesosMaster().address()),
                () -> SchedulerCalls.subscribe(FrameworkInfos.of(config, loop.frameworkIdForSubscribe(), host)), loop)
                .build();
        loop.start(observeCalls.apply(client::send), client::close);
        client.start();
        return new SchedulerService(zk, store, loop::view, loop::close, api, Optional.of(client));
    }

    /** The service name and ZooKeeper from the env, even when other variables are invalid. */
    private static ServiceConfig locate(Map<String, String> env) throws CannotStart {
        Map<String, String> minimal = new HashMap<>();
        for (String key : List.of("FRAMEWORK_NAME", "ZOOKEEPER")) {
            if (env.containsKey(key)) {
                minimal.put(key, env.get(key));
            }
        }
        ServiceConfig.Parsed parsed = ServiceConfig.parse(minimal);
        if (parsed instanceof ServiceConfig.Parsed.Invalid invalid) {
            throw new CannotStart("invalid configuration: " + String.join("; ", invalid.errors()), true);
        }
        return ((ServiceConfig.Parsed.Valid) parsed).config();
    }

    public ServiceView view() {
        return view.get();
    }

    public int apiPort() {
        return api.port();
    }

    public StateStore store() {
        return store;
    }

    /** Runs {@code action} when another scheduler may have taken over: acting on would be unsafe. */
    public void onLeadershipLost(Runnable action) {
        store.leadershipLost().thenRun(action);
    }

    /** Stops this scheduler; the framework stays registered and its tasks keep running. */
    @Override
    public void close() {
        client.ifPresent(SchedulerClient::close);
        stopLoop.run();
        api.close();
        store.close();
        zk.close();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
