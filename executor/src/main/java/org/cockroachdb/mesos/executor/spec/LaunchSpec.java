package org.cockroachdb.mesos.executor.spec;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the scheduler asks the executor to run: one cockroach node. It travels as JSON in
 * {@code TaskInfo.data} ({@link #toJson()}, {@link #fromJson(byte[])}); the JSON field names are
 * the component names, durations are {@code <name>Millis}.
 *
 * @param cockroachBinary   path of the cockroach binary; relative means relative to the sandbox
 * @param expectedVersion   e.g. {@code v23.1.11}; the node is refused if the binary's major.minor differs
 * @param storeDir          the persistent volume's container path, relative to the sandbox
 * @param listenHost        interface to listen on; empty means all interfaces
 * @param advertiseHost     the stable name or IP other nodes use
 * @param rpcPort           RPC and SQL share this port
 * @param httpPort          admin UI, health and readiness
 * @param join              {@code host:port} RPC addresses, never empty
 * @param cacheBytes        absolute, derived from the task memory (percentages misread cgroup limits)
 * @param maxSqlMemoryBytes absolute, likewise
 * @param security          how nodes and clients authenticate
 * @param initCluster       run {@code cockroach init} once this node answers {@code /health}
 * @param checks            readiness and health check timings
 */
public record LaunchSpec(
        String cockroachBinary,
        String expectedVersion,
        String storeDir,
        String listenHost,
        String advertiseHost,
        int rpcPort,
        int httpPort,
        List<String> join,
        long cacheBytes,
        long maxSqlMemoryBytes,
        SecurityMode security,
        boolean initCluster,
        Checks checks) {

    /** {@code v23.1.11}, {@code 23.1.0}, {@code v23.1.0-beta.1}. */
    public static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)([-+][0-9A-Za-z.-]+)?");
    /** Host names, IPv4 and bracketed IPv6 literals; no spaces, schemes or paths. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]");

    /** The seam for secure clusters (certs dir and so on) later. */
    public enum SecurityMode { INSECURE }

    /**
     * Check timings, kept in the spec so tests can run them fast.
     *
     * @param readinessInterval how often {@code /health?ready=1} is asked (and {@code /health} until the node first answers)
     * @param healthInterval    how often {@code /health} is asked once the grace period is over
     * @param healthGracePeriod failures in this time after the start do not count
     * @param healthMaxFailures this many failures in a row kill the node
     * @param checkTimeout      one HTTP check gives up after this
     */
    public record Checks(Duration readinessInterval, Duration healthInterval, Duration healthGracePeriod,
                         int healthMaxFailures, Duration checkTimeout) {

        /** The operator's readiness period; Mesos's health check defaults, with a longer grace for store recovery. */
        public static final Checks DEFAULTS = new Checks(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(60), 3, Duration.ofSeconds(5));

        public Checks {
            positive("checks.readinessIntervalMillis", readinessInterval);
            positive("checks.healthIntervalMillis", healthInterval);
            if (healthGracePeriod == null || healthGracePeriod.isNegative()) {
                throw new InvalidLaunchSpecException("checks.healthGracePeriodMillis must be 0 or more milliseconds, got "
                        + millis(healthGracePeriod));
            }
            if (healthMaxFailures < 1) {
                throw new InvalidLaunchSpecException("checks.healthMaxFailures must be 1 or more, got " + healthMaxFailures);
            }
            positive("checks.checkTimeoutMillis", checkTimeout);
        }

        private static void positive(String field, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidLaunchSpecException(field + " must be 1 or more milliseconds, got " + millis(d));
            }
        }

        private static String millis(Duration d) {
            return d == null ? "nothing" : String.valueOf(d.toMillis());
        }
    }

    public LaunchSpec {
        notBlank("cockroachBinary", cockroachBinary, "the path of the cockroach binary");
        if (expectedVersion == null || !VERSION.matcher(expectedVersion).matches()) {
            throw new InvalidLaunchSpecException("expectedVersion must look like v23.1.11 (vMAJOR.MINOR.PATCH), got "
                    + quoted(expectedVersion));
        }
        notBlank("storeDir", storeDir, "a path relative to the sandbox, e.g. cockroach-data");
        if (storeDir.startsWith("/") || List.of(storeDir.split("/")).contains("..")) {
            throw new InvalidLaunchSpecException("storeDir must be a path relative to the sandbox without '..', e.g. "
                    + "cockroach-data, got " + quoted(storeDir));
        }
        if (listenHost == null || (!listenHost.isEmpty() && !HOST.matcher(listenHost).matches())) {
            throw new InvalidLaunchSpecException("listenHost must be empty (all interfaces), a host name or an IP, got "
                    + quoted(listenHost));
        }
        if (advertiseHost == null || !HOST.matcher(advertiseHost).matches()) {
            throw new InvalidLaunchSpecException("advertiseHost must be a host name or an IP other nodes can reach, got "
                    + quoted(advertiseHost));
        }
        port("rpcPort", rpcPort);
        port("httpPort", httpPort);
        if (rpcPort == httpPort) {
            throw new InvalidLaunchSpecException("httpPort must differ from rpcPort, both are " + rpcPort);
        }
        if (join == null || join.isEmpty()) {
            throw new InvalidLaunchSpecException("join must list at least one host:port RPC address");
        }
        join = List.copyOf(join);
        for (String address : join) {
            if (!isHostPort(address)) {
                throw new InvalidLaunchSpecException("join entries must be host:port with a port from 1 to 65535, got "
                        + quoted(address));
            }
        }
        if (cacheBytes < 1) {
            throw new InvalidLaunchSpecException("cacheBytes must be a positive number of bytes, got " + cacheBytes);
        }
        if (maxSqlMemoryBytes < 1) {
            throw new InvalidLaunchSpecException("maxSqlMemoryBytes must be a positive number of bytes, got "
                    + maxSqlMemoryBytes);
        }
        if (security == null) {
            throw new InvalidLaunchSpecException("security must be one of " + List.of(SecurityMode.values()));
        }
        if (checks == null) {
            throw new InvalidLaunchSpecException("checks must be an object with the check timings");
        }
    }

    /** @throws InvalidLaunchSpecException one line naming the field and what is accepted */
    public static LaunchSpec fromJson(byte[] json) {
        return LaunchSpecJson.read(json);
    }

    public byte[] toJson() {
        return LaunchSpecJson.write(this);
    }

    /** The expected release's major and minor, e.g. {@code [23, 1]}. */
    public int[] expectedMajorMinor() {
        var m = VERSION.matcher(expectedVersion);
        if (!m.matches()) {
            throw new IllegalStateException("validated at construction");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static void notBlank(String field, String value, String accepted) {
        if (value == null || value.isBlank()) {
            throw new InvalidLaunchSpecException(field + " must be " + accepted + ", got " + quoted(value));
        }
    }

    private static void port(String field, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidLaunchSpecException(field + " must be a port from 1 to 65535, got " + port);
        }
    }

    private static boolean isHostPort(String address) {
        if (address == null) {
            return false;
        }
        int colon = address.lastIndexOf(':');
        if (colon < 1 || !HOST.matcher(address.substring(0, colon)).matches()) {
            return false;
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            return port >= 1 && port <= 65535;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
