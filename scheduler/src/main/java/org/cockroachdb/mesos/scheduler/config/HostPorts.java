package org.cockroachdb.mesos.scheduler.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a comma-separated {@code host:port} list, the form ZooKeeper connect strings use. */
final class HostPorts {

    private static final Pattern HOST_PORT =
            Pattern.compile("([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]):(\\d{1,5})");

    private HostPorts() {}

    static boolean isList(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (String hostPort : text.split(",", -1)) {
            Matcher m = HOST_PORT.matcher(hostPort.strip());
            if (!m.matches()) {
                return false;
            }
            int port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) {
                return false;
            }
        }
        return true;
    }
}
