package org.cockroachdb.mesos.scheduler.cockroach;

import java.net.URI;

/**
 * Where a node's HTTP port answers.
 *
 * @param node     the pod name, e.g. {@code cockroachdb-1}
 * @param host     the host name or IP the scheduler can reach it at
 * @param httpPort the node's {@code --http-addr} port
 */
public record NodeHttpAddress(String node, String host, int httpPort) {

    public NodeHttpAddress {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("node must be a pod name like cockroachdb-0, got '" + node + "'");
        }
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
            throw new IllegalArgumentException("host of " + node + " must be a host name or IP address, got '" + host + "'");
        }
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort of " + node + " must be 1-65535, got " + httpPort);
        }
    }

    /** {@code http://host:port/_status/vars}; IPv6 literals go in brackets. */
    public URI statusVars() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + httpPort + "/_status/vars");
    }
}
