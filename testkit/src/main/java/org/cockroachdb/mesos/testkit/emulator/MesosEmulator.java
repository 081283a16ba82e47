package org.cockroachdb.mesos.testkit.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cockroachdb.mesos.http.detect.ZooKeeperUrl;
import org.cockroachdb.mesos.testkit.emulator.cluster.Cluster;
import org.cockroachdb.mesos.testkit.emulator.http.AdminEndpoint;
import org.cockroachdb.mesos.testkit.emulator.http.SchedulerEndpoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Mesos master and N agents in this JVM, speaking the real v1 scheduler and executor HTTP
 * APIs on loopback. Start it, point a scheduler at {@link #masterUri()}, and use {@link #faults()}
 * to break things.
 */
public final class MesosEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MesosEmulator.class);

    private final EmulatorConfig config;
    private final Cluster cluster;
    private final Server master;
    private final List<AgentServer> agentServers = new ArrayList<>();
    private final MasterRegistration registration;
    private final Faults faults;
    /** How to undo each part started so far, in the order started; closing runs them backwards. */
    private final List<Stop> stops = new ArrayList<>();

    /** One step of closing, named for the log. */
    private record Stop(String what, AutoCloseable how) {}

    private MesosEmulator(EmulatorConfig config) throws Exception {
        this.config = config;
        try {
            this.master = new Server();
            ServerConnector connector = new ServerConnector(master);
            connector.setHost("127.0.0.1");
            connector.setPort(config.port());
            connector.setIdleTimeout(3_600_000); // subscriber streams live as long as the scheduler does
            master.addConnector(connector);
            // bound but not yet serving: the cluster knows its port before any request can reach it
            connector.open();
            stops.add(new Stop("the master's port", connector::close));
            this.cluster = new Cluster(config, connector.getLocalPort());
            stops.add(new Stop("the cluster", cluster::close));
            master.setHandler(new Handler.Sequence(new SchedulerEndpoint(cluster), new AdminEndpoint(this)));
            for (int i = 0; i < config.agents().size(); i++) {
                AgentServer agent = new AgentServer(cluster, i, config.agents().get(i).hostname());
                agentServers.add(agent);
                stops.add(new Stop("agent " + i, agent::stop));
                agent.start();
            }
            this.faults = new Faults(cluster, agentServers);
            cluster.start();
            stops.add(new Stop("the master", master::stop));
            master.start();
            this.registration = config.zkUrl().map(url -> new MasterRegistration(ZooKeeperUrl.parse(url))).orElse(null);
            if (registration != null) {
                stops.add(new Stop("the ZooKeeper registration", registration));
                registration.register(cluster.call(cluster::masterInfo));
                // a failover runs on the loop; ZooKeeper is written on the registration's own thread
                cluster.onLeaderChange(() -> registration.reregisterLater(cluster.masterInfo()));
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        LOG.info("Mesos emulator master {} at {} with {} agents", cluster.masterId(), masterUri(), agentServers.size());
    }

    /**
     * Calls {@code watcher} with every KILL and LAUNCH a scheduler asks for and every status update
     * sent to one, on the emulator's loop (so it must be quick), from now on.
     */
    public void watchTraffic(Consumer<SchedulerTraffic> watcher) {
        cluster.watchTraffic(watcher);
    }

    public static MesosEmulator start(EmulatorConfig config) throws Exception {
        return new MesosEmulator(config);
    }

    /** {@code http://127.0.0.1:<port>}: the base URL a scheduler is given. */
    public URI masterUri() {
        return URI.create("http://" + cluster.masterHostPort());
    }

    public URI schedulerEndpoint() {
        return masterUri().resolve("/api/v1/scheduler");
    }

    public String masterId() {
        return cluster.call(cluster::masterId);
    }

    public List<Cluster.AgentAddress> agents() {
        return cluster.call(cluster::agentAddresses);
    }

    public EmulatorState state() {
        return cluster.call(cluster::snapshot);
    }

    public Faults faults() {
        return faults;
    }

    public EmulatorConfig config() {
        return config;
    }

    /** Stops everything that was started, newest first; one part failing to stop does not keep the rest running. */
    @Override
    public void close() {
        for (int i = stops.size() - 1; i >= 0; i--) {
            Stop stop = stops.get(i);
            try {
                stop.how().close();
            } catch (Exception | Error e) {
                LOG.warn("error while stopping {} of the emulator", stop.what(), e);
            }
        }
        stops.clear();
    }

    /** The fault-injection API; each call takes effect before it returns. */
    public static final class Faults {
        private final Cluster cluster;
        private final List<AgentServer> agentServers;

        Faults(Cluster cluster, List<AgentServer> agentServers) {
            this.cluster = cluster;
            this.agentServers = agentServers;
        }

        /** Cut the network between master and agent; after the ping timeout its tasks are UNREACHABLE. */
        public void partitionAgent(int index) {
            cluster.run(() -> cluster.partitionAgent(index));
        }

        public void healAgent(int index) {
            cluster.run(() -> cluster.healAgent(index));
        }

        /** The agent process dies; its executors keep running and lose their streams. */
        public void stopAgent(int index) throws Exception {
            cluster.run(() -> cluster.stopAgent(index));
            agentServers.get(index).stop();
        }

        /** The agent process starts again and recovers its checkpointed state. */
        public void startAgent(int index) throws Exception {
            agentServers.get(index).start();
            cluster.run(() -> cluster.startAgent(index));
        }

        public void restartAgent(int index) throws Exception {
            stopAgent(index);
            startAgent(index);
        }

        /** An operator marks the agent gone: tasks GONE_BY_OPERATOR, executors killed, never back. */
        public void markAgentGone(int index) throws Exception {
            cluster.run(() -> cluster.markAgentGone(index));
            agentServers.get(index).stop();
        }

        /** A new master with a new ID takes over; every stream ends. */
        public void failoverMaster() {
            cluster.run(cluster::failoverMaster);
        }

        /**
         * Answer 307 to this leader ({@code host:port}), 503 when null, or lead again with
         * {@link #lead()}. Subscribers' streams end, as when a real master loses the election.
         */
        public void notLeader(String leaderHostPort) {
            Cluster.Leadership notLeading = leaderHostPort == null ? Cluster.Leadership.none()
                    : Cluster.Leadership.notLeader(leaderHostPort);
            cluster.run(() -> cluster.setLeadership(notLeading));
        }

        public void lead() {
            cluster.run(() -> cluster.setLeadership(Cluster.Leadership.leader()));
        }

        /** Closes a framework's event stream as a broken connection would. */
        public void dropStream(String frameworkId) {
            cluster.run(() -> cluster.dropStream(frameworkId));
        }

        /** Keeps the stream open but silent (no heartbeats): a half-open connection. */
        public void stopHeartbeats(String frameworkId) {
            cluster.run(() -> cluster.stopHeartbeats(frameworkId, true));
        }

        public void resumeHeartbeats(String frameworkId) {
            cluster.run(() -> cluster.stopHeartbeats(frameworkId, false));
        }

        /** Rescinds one offer; returns how many were rescinded. */
        public int rescindOffer(String offerId) {
            return cluster.call(() -> cluster.rescindOffers(null, offerId));
        }

        public int rescindOffersOf(String frameworkId) {
            return cluster.call(() -> cluster.rescindOffers(frameworkId, null));
        }

        public void delayStatusUpdates(Duration delay) {
            cluster.run(() -> cluster.delayUpdates(delay));
        }

        public void duplicateStatusUpdates(boolean on) {
            cluster.run(() -> cluster.duplicateUpdates(on));
        }

        /** The next {@code count} ACCEPT calls are answered 202 and have no effect. */
        public void dropAccepts(int count) {
            cluster.run(() -> cluster.dropAccepts(count));
        }

        /** The next {@code count} KILL calls are answered 202 and then lost, as in a master failover. */
        public void dropKills(int count) {
            cluster.run(() -> cluster.dropKills(count));
        }

        /** SIGKILLs an executor process; returns false if there is no such running executor. */
        public boolean crashExecutor(String frameworkId, String executorId) {
            return cluster.call(() -> cluster.crashExecutor(frameworkId, executorId));
        }
    }
}
