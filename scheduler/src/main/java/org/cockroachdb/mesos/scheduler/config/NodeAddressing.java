package org.cockroachdb.mesos.scheduler.config;

/**
 * How cockroach nodes name themselves and each other. On DC/OS a task has a stable DNS name that
 * survives relaunches; off DC/OS (local mode, plain Mesos) there is no such DNS, so a node listens
 * on and advertises its agent's address.
 */
public enum NodeAddressing {
    /** {@code <task>.<service>.autoip.dcos.thisdcos.directory}. */
    DNS("dns"),
    /** The agent's hostname as offered; the node listens on that address only. */
    AGENT_IP("agent-ip");

    private final String text;

    NodeAddressing(String text) {
        this.text = text;
    }

    static Reading<NodeAddressing> read(String value) {
        for (NodeAddressing a : values()) {
            if (a.text.equals(value)) {
                return Reading.ok(a);
            }
        }
        return Reading.refused("expected one of dns|agent-ip");
    }

    @Override
    public String toString() {
        return text;
    }
}
