package org.cockroachdb.mesos.testkit.emulator;

import org.cockroachdb.mesos.testkit.emulator.cluster.Cluster;
import org.cockroachdb.mesos.testkit.emulator.http.ExecutorEndpoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP side of one agent, on its own loopback address. Stopping it is what an agent crash
 * looks like to its executors; it comes back on the same port, as a restarted agent does.
 */
final class AgentServer {
    private final Cluster cluster;
    private final int index;
    private final String host;
    private Server server;
    private int port;

    AgentServer(Cluster cluster, int index, String host) {
        this.cluster = cluster;
        this.index = index;
        this.host = host;
    }

    synchronized void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(3_600_000); // executor streams are long-lived; Mesos never times them out
        connector.setReuseAddress(true);
        server.addConnector(connector);
        server.setHandler(new ExecutorEndpoint(cluster, cluster.executorChannel(), index));
        server.start();
        port = connector.getLocalPort();
        int bound = port;
        cluster.run(() -> cluster.agentListening(index, bound));
    }

    synchronized void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
