package org.cockroachdb.mesos.http.executor;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * What the Mesos agent tells an executor through its environment.
 *
 * @param agentEndpoint          {@code ip:port} of the agent ({@code MESOS_AGENT_ENDPOINT})
 * @param directory              the sandbox on the host ({@code MESOS_DIRECTORY})
 * @param sandbox                the sandbox as the executor sees it ({@code MESOS_SANDBOX}; the same path without an image)
 * @param checkpoint             whether the framework checkpoints, i.e. whether the executor may outlive an agent restart
 * @param recoveryTimeout        how long to keep re-subscribing to a restarting agent (checkpointing only)
 * @param subscriptionBackoffMax the cap on the backoff between those attempts
 * @param authenticationToken    sent as {@code Authorization: Bearer <token>} when present
 */
public record ExecutorEnvironment(
        String frameworkId,
        String executorId,
        String agentEndpoint,
        String agentId,
        Path directory,
        Path sandbox,
        boolean checkpoint,
        Duration shutdownGracePeriod,
        Duration recoveryTimeout,
        Duration subscriptionBackoffMax,
        Optional<String> authenticationToken) {

    /** The agent's defaults, for variables it only sets in some cases. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_SUBSCRIPTION_BACKOFF_MAX = Duration.ofSeconds(2);

    /**
     * Parses the environment, e.g. {@code System.getenv()}.
     *
     * @throws IllegalArgumentException one line naming every missing or invalid variable
     */
    public static ExecutorEnvironment from(Map<String, String> env) {
        Reader r = new Reader(env);
        String frameworkId = r.required("MESOS_FRAMEWORK_ID", Function.identity());
        String executorId = r.required("MESOS_EXECUTOR_ID", Function.identity());
        String agentEndpoint = r.required("MESOS_AGENT_ENDPOINT", ExecutorEnvironment::hostPort);
        String agentId = r.required("MESOS_SLAVE_ID", Function.identity());
        Path directory = r.required("MESOS_DIRECTORY", Path::of);
        Path sandbox = r.optional("MESOS_SANDBOX", Path::of).orElse(directory);
        boolean checkpoint = r.optional("MESOS_CHECKPOINT", ExecutorEnvironment::flag).orElse(false);
        Duration grace = r.optional("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", MesosDuration::parse)
                .orElse(DEFAULT_SHUTDOWN_GRACE_PERIOD);
        Duration recovery = r.optional("MESOS_RECOVERY_TIMEOUT", MesosDuration::parse).orElse(DEFAULT_RECOVERY_TIMEOUT);
        Duration backoffMax = r.optional("MESOS_SUBSCRIPTION_BACKOFF_MAX", MesosDuration::parse)
                .orElse(DEFAULT_SUBSCRIPTION_BACKOFF_MAX);
        Optional<String> token = r.optional("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", Function.identity());
        if (!r.errors.isEmpty()) {
            throw new IllegalArgumentException("invalid executor environment: " + String.join("; ", r.errors));
        }
        if (backoffMax.isZero()) {
            backoffMax = Duration.ofMillis(1); // a zero cap would mean retrying in a tight loop
        }
        return new ExecutorEnvironment(frameworkId, executorId, agentEndpoint, agentId, directory, sandbox,
                checkpoint, grace, recovery, backoffMax, token);
    }

    /** {@code http://<agent endpoint>/api/v1/executor}. */
    public URI executorApi() {
        return URI.create("http://" + agentEndpoint + ExecutorClient.PATH);
    }

    public FrameworkID frameworkIdProto() {
        return FrameworkID.newBuilder().setValue(frameworkId).build();
    }

    public ExecutorID executorIdProto() {
        return ExecutorID.newBuilder().setValue(executorId).build();
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "ExecutorEnvironment[framework " + frameworkId + ", executor " + executorId + ", agent " + agentId
                + " at " + agentEndpoint + ", sandbox " + sandbox + ", checkpoint " + checkpoint
                + ", shutdown grace " + grace() + ", recovery timeout " + MesosDuration.format(recoveryTimeout)
                + ", backoff max " + MesosDuration.format(subscriptionBackoffMax)
                + (authenticationToken.isPresent() ? ", with a token" : "") + "]";
    }

    private String grace() {
        return MesosDuration.format(shutdownGracePeriod);
    }

    private static String hostPort(String value) {
        try {
            URI uri = new URI("http://" + value);
            if (uri.getHost() == null || uri.getPort() < 1 || uri.getRawPath() == null || !uri.getRawPath().isEmpty()
                    || uri.getUserInfo() != null) {
                throw new IllegalArgumentException("expected ip:port");
            }
            return value;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected ip:port");
        }
    }

    private static boolean flag(String value) {
        return switch (value) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException("expected 1 or 0");
        };
    }

    /** Collects every problem, so one run shows them all. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> errors = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        <T> T required(String name, Function<String, T> parse) {
            Optional<T> value = optional(name, parse);
            if (value.isEmpty() && isBlank(name)) {
                errors.add(name + " is not set (the Mesos agent sets it for every executor)");
            }
            return value.orElse(null);
        }

        <T> Optional<T> optional(String name, Function<String, T> parse) {
            if (isBlank(name)) {
                return Optional.empty();
            }
            String raw = env.get(name).strip();
            try {
                return Optional.of(parse.apply(raw));
            } catch (IllegalArgumentException e) { // InvalidPathException included
                errors.add(name + "='" + raw + "' is invalid: " + e.getMessage());
                return Optional.empty();
            }
        }

        private boolean isBlank(String name) {
            String raw = env.get(name);
            return raw == null || raw.isBlank();
        }
    }
}
