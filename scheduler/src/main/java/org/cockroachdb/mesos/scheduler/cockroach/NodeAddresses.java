package org.cockroachdb.mesos.scheduler.cockroach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cockroachdb.mesos.scheduler.config.NodeAddressing;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;

/**
 * Where a node listens, what it advertises, and whom it joins. The join list names the first
 * pods (at most {@value #JOIN_TARGETS}, pod 0 always among them) and uses the RPC port, as cockroach
 * advises: every node gets the same list, and `cockroach init` targets pod 0, which is in it.
 */
public final class NodeAddresses {

    static final int JOIN_TARGETS = 3;
    private static final String DNS_DOMAIN = "autoip.dcos.thisdcos.directory";
    private static final String VIP_DOMAIN = "l4lb.thisdcos.directory";

    private NodeAddresses() {
    }

    /** The DC/OS DNS name of a task: {@code <task>.<service>.autoip.dcos.thisdcos.directory}. */
    public static String dnsName(ServiceConfig config, String taskName) {
        return taskName + "." + config.serviceName().value().replace("/", "") + "." + DNS_DOMAIN;
    }

    /** The load-balanced name of a port, e.g. {@code pg.cockroachdb.l4lb.thisdcos.directory:26257}. */
    public static String vip(ServiceConfig config, String portName, int port) {
        return portName + "." + config.serviceName().value().replace("/", "") + "." + VIP_DOMAIN + ":" + port;
    }

    /** The name other nodes reach this node by. */
    public static String advertiseHost(ServiceConfig config, int podIndex, String agentHostname) {
        return config.nodeAddressing() == NodeAddressing.DNS
                ? dnsName(config, NodePods.taskName(podIndex))
                : agentHostname;
    }

    /** "" (every interface) on DC/OS; the agent's own address off it, so nodes on one machine do not clash. */
    public static String listenHost(ServiceConfig config, String agentHostname) {
        return config.nodeAddressing() == NodeAddressing.DNS ? "" : agentHostname;
    }

    /**
     * The join list. With DNS names it is fixed by the config alone. With agent addresses it is made
     * of the join targets already placed ({@code placedHostnames}: pod index to agent hostname), so a
     * joining node must not launch before pod 0 is placed (see {@link #joinTargetsPlaced}).
     */
    public static List<String> joinList(ServiceConfig config, Map<Integer, String> placedHostnames) {
        List<String> join = new ArrayList<>();
        int targets = Math.min(JOIN_TARGETS, config.nodeCount());
        for (int i = 0; i < targets; i++) {
            if (config.nodeAddressing() == NodeAddressing.DNS) {
                join.add(dnsName(config, NodePods.taskName(i)) + ":" + config.pgPort());
            } else if (placedHostnames.containsKey(i)) {
                join.add(placedHostnames.get(i) + ":" + config.pgPort());
            }
        }
        return join;
    }

    /** Whether a pod can launch now: with agent addresses, pod 0 must have a place first. */
    public static boolean joinTargetsPlaced(ServiceConfig config, int podIndex, Map<Integer, String> placedHostnames) {
        return config.nodeAddressing() == NodeAddressing.DNS || podIndex == 0 || placedHostnames.containsKey(0);
    }
}
