package org.cockroachdb.mesos.testkit.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one emulated agent offers. Each agent listens on its own loopback address (127.0.1.x by
 * default), so processes on different agents see different hosts, as on a real cluster.
 */
public record AgentSpec(
        String hostname,
        double cpus,
        double memMb,
        double diskMb,
        List<MountDisk> mountDisks,
        List<PortRange> ports,
        Map<String, String> attributes,
        Optional<FaultDomain> domain) {

    public record MountDisk(String root, double sizeMb) {}

    public record PortRange(long begin, long end) {}

    public record FaultDomain(String region, String zone) {}

    public AgentSpec {
        mountDisks = List.copyOf(mountDisks);
        ports = List.copyOf(ports);
        attributes = Map.copyOf(attributes);
    }

    /** Agent {@code index} of a uniform test cluster: 4 cpus, 8 GiB, 20 GB ROOT disk, ports 31000-31999. */
    public static AgentSpec standard(int index) {
        return new AgentSpec("127.0.1." + (index + 1), 4, 8192, 20480, List.of(),
                List.of(new PortRange(31000, 31999)), Map.of(), Optional.empty());
    }

    public AgentSpec withCpus(double value) {
        return new AgentSpec(hostname, value, memMb, diskMb, mountDisks, ports, attributes, domain);
    }

    public AgentSpec withMem(double value) {
        return new AgentSpec(hostname, cpus, value, diskMb, mountDisks, ports, attributes, domain);
    }

    public AgentSpec withDisk(double value) {
        return new AgentSpec(hostname, cpus, memMb, value, mountDisks, ports, attributes, domain);
    }

    public AgentSpec withMountDisks(List<MountDisk> value) {
        return new AgentSpec(hostname, cpus, memMb, diskMb, value, ports, attributes, domain);
    }

    public AgentSpec withPorts(List<PortRange> value) {
        return new AgentSpec(hostname, cpus, memMb, diskMb, mountDisks, value, attributes, domain);
    }

    public AgentSpec withAttributes(Map<String, String> value) {
        return new AgentSpec(hostname, cpus, memMb, diskMb, mountDisks, ports, value, domain);
    }

    public AgentSpec withDomain(String region, String zone) {
        return new AgentSpec(hostname, cpus, memMb, diskMb, mountDisks, ports, attributes,
                Optional.of(new FaultDomain(region, zone)));
    }

    public AgentSpec withHostname(String value) {
        return new AgentSpec(value, cpus, memMb, diskMb, mountDisks, ports, attributes, domain);
    }
}
