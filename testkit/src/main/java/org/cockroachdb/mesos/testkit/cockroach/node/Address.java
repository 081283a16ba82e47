package org.cockroachdb.mesos.testkit.cockroach.node;

import org.cockroachdb.mesos.testkit.cockroach.cli.CommandFailure;

/** A {@code host:port} flag value; an empty host means every interface (for listening). */
public record Address(String host, int port) {

    public static Address parse(String flag, String value, int defaultPort) throws CommandFailure {
        String v = value.trim();
        String host;
        String port;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            host = v.substring(1, close);
            port = v.length() > close + 1 && v.charAt(close + 1) == ':' ? v.substring(close + 2) : "";
        } else {
            int colon = v.lastIndexOf(':');
            host = colon < 0 ? v : v.substring(0, colon);
            port = colon < 0 ? "" : v.substring(colon + 1);
        }
        if (port.isEmpty()) {
            return new Address(host, defaultPort);
        }
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new Address(host, p);
        } catch (NumberFormatException e) {
            throw new CommandFailure("invalid argument \"" + value + "\" for \"--" + flag + "\" flag: invalid port \"" + port + "\"");
        }
    }

    public Address withPort(int p) {
        return new Address(host, p);
    }

    public Address withHost(String h) {
        return new Address(h, port);
    }

    /** The host to bind: empty means all interfaces. */
    public String bindHost() {
        return host.isEmpty() ? "0.0.0.0" : host;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
