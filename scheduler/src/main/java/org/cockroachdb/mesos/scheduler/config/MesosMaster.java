package org.cockroachdb.mesos.scheduler.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How to find the leading Mesos master: {@code zk://host:port[,...]/path} (leader election znodes,
 * the DC/OS way) or a fixed {@code http(s)://host:port} (one master, or a test emulator).
 */
public record MesosMaster(String address) {

    public static final MesosMaster DCOS_DEFAULT = new MesosMaster("zk://master.mesos:2181/mesos");
    static final String ACCEPTED = "expected zk://host:port[,host:port...]/path or http(s)://host:port";

    public boolean viaZooKeeper() {
        return address.startsWith("zk://");
    }

    static Reading<MesosMaster> read(String text) {
        if (text.startsWith("zk://")) {
            String rest = text.substring("zk://".length());
            int slash = rest.indexOf('/');
            boolean ok = slash > 0 && slash < rest.length() - 1 && HostPorts.isList(rest.substring(0, slash));
            return ok ? Reading.ok(new MesosMaster(text)) : Reading.refused(ACCEPTED);
        }
        try {
            URI uri = new URI(text);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? Reading.ok(new MesosMaster(text)) : Reading.refused(ACCEPTED);
        } catch (URISyntaxException e) {
            return Reading.refused(ACCEPTED);
        }
    }

    @Override
    public String toString() {
        return address;
    }
}
