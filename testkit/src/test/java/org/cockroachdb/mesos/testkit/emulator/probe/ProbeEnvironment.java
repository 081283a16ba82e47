package org.cockroachdb.mesos.testkit.emulator.probe;

import org.cockroachdb.mesos.http.executor.MesosDuration;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;

/** What the agent tells the executor through its environment (reference §4.1), plus the probe's own switches. */
record ProbeEnvironment(
        FrameworkID frameworkId,
        ExecutorID executorId,
        URI executorApi,
        Path sandbox,
        boolean checkpoint,
        Duration subscriptionBackoffMax,
        Duration recoveryTimeout,
        Optional<String> authenticationToken,
        boolean ignoreShutdown,
        boolean stayAfterTasks,
        Map<String, String> reportable) {

    /** Defaults the agent uses when checkpointing; without checkpointing they are not set and not needed. */
    static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(2);
    static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofMinutes(15);

    static ProbeEnvironment from(Map<String, String> env) {
        Map<String, String> reportable = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("MESOS_") || name.startsWith("PROBE_")) {
                reportable.put(name, value);
            }
        });
        return new ProbeEnvironment(
                FrameworkID.newBuilder().setValue(required(env, "MESOS_FRAMEWORK_ID")).build(),
                ExecutorID.newBuilder().setValue(required(env, "MESOS_EXECUTOR_ID")).build(),
                URI.create("http://" + required(env, "MESOS_AGENT_ENDPOINT") + "/api/v1/executor"),
                Path.of(env.getOrDefault("MESOS_SANDBOX", env.getOrDefault("MESOS_DIRECTORY", "."))),
                "1".equals(env.get("MESOS_CHECKPOINT")),
                duration(env, "MESOS_SUBSCRIPTION_BACKOFF_MAX", DEFAULT_BACKOFF_MAX),
                duration(env, "MESOS_RECOVERY_TIMEOUT", DEFAULT_RECOVERY_TIMEOUT),
                Optional.ofNullable(env.get("MESOS_EXECUTOR_AUTHENTICATION_TOKEN")),
                "1".equals(env.get("PROBE_IGNORE_SHUTDOWN")),
                "1".equals(env.get("PROBE_STAY_AFTER_TASKS")),
                Collections.unmodifiableMap(reportable)); // sorted, for a stable report
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not set; the probe must be launched by an agent");
        }
        return value;
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        return value == null ? fallback : MesosDuration.parse(value);
    }
}
