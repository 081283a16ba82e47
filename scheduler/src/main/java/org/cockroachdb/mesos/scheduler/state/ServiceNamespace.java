package org.cockroachdb.mesos.scheduler.state;

import java.util.Objects;

/**
 * The ZooKeeper namespace of one service, {@code dcos-service-<name>} (the DC/OS SDK convention, so
 * operators find our state where they expect it). Folder-style names ({@code /group/cockroachdb})
 * become one path segment: slashes turn into {@code __}, as the SDK does.
 */
public record ServiceNamespace(String serviceName) {

    private static final String PREFIX = "dcos-service-";

    public ServiceNamespace {
        Objects.requireNonNull(serviceName, "serviceName");
        String trimmed = stripLeadingSlashes(serviceName);
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("service name must not be empty");
        }
        serviceName = trimmed;
    }

    /** The namespace znode's name, without a leading slash. */
    public String value() {
        return PREFIX + serviceName.replace("/", "__");
    }

    private static String stripLeadingSlashes(String name) {
        int start = 0;
        while (start < name.length() && name.charAt(start) == '/') {
            start++;
        }
        return name.substring(start);
    }
}
