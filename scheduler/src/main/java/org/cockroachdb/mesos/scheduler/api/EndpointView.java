package org.cockroachdb.mesos.scheduler.api;

import java.util.List;
import java.util.Objects;

/**
 * How clients reach one named port of every node.
 *
 * @param addresses {@code ip:port} per node
 * @param dns       {@code <task>.<service>.autoip.dcos.thisdcos.directory:port} per node
 * @param vip       the load-balanced name, e.g. {@code pg.<service>.l4lb.thisdcos.directory:26257}
 */
public record EndpointView(String name, List<String> addresses, List<String> dns, String vip) {

    public EndpointView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vip, "vip");
        addresses = List.copyOf(addresses);
        dns = List.copyOf(dns);
    }
}
