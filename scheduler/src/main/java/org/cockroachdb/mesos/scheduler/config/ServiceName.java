package org.cockroachdb.mesos.scheduler.config;

import java.util.regex.Pattern;

/**
 * A DC/OS service name: lowercase letters, digits and '-', with '/' between folder segments
 * (a leading '/' as Marathon writes app ids is dropped). Mesos roles and ZooKeeper node names
 * cannot hold '/', so the SDK convention escapes it as "__"; a name can therefore never contain
 * "__" itself, which keeps the escaping reversible.
 */
public record ServiceName(String value) {

    private static final Pattern SEGMENT = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    /** DNS names are built from the name without its slashes; a DNS label holds 63 characters. */
    private static final int MAX_DNS_LENGTH = 63;
    static final String ACCEPTED = "expected lowercase letters, digits and '-' (not at either end of a segment),"
            + " with '/' between folders, at most " + MAX_DNS_LENGTH + " characters without the slashes";

    public ServiceName {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a service name: '" + value + "' (" + ACCEPTED + ")");
        }
    }

    /** A name as Marathon writes it (a leading '/' is dropped); throws if it is not a valid name. */
    public static ServiceName of(String text) {
        return new ServiceName(text.startsWith("/") ? text.substring(1) : text);
    }

    static Reading<ServiceName> read(String text) {
        String name = text.startsWith("/") ? text.substring(1) : text;
        return isValid(name) ? Reading.ok(new ServiceName(name)) : Reading.refused(ACCEPTED);
    }

    private static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.replace("/", "").length() > MAX_DNS_LENGTH) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The name with folder slashes escaped, as used in roles and ZooKeeper paths. */
    public String escaped() {
        return value.replace("/", "__");
    }

    /** The Mesos role the framework reserves resources under. */
    public String role() {
        return escaped() + "-role";
    }

    /** The principal used when FRAMEWORK_PRINCIPAL is not set. */
    public String defaultPrincipal() {
        return value + "-principal";
    }

    /** The name of the framework's ZooKeeper root node, e.g. {@code dcos-service-group__cockroachdb}. */
    public String zkNamespace() {
        return "dcos-service-" + escaped();
    }

    /** The framework's ZooKeeper root node, e.g. {@code /dcos-service-group__cockroachdb}. */
    public String zkRoot() {
        return "/" + zkNamespace();
    }

    @Override
    public String toString() {
        return value;
    }
}
