package org.cockroachdb.mesos.testkit.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the emulator runs. Timings default to real Mesos's values; tests shorten them, the
 * semantics stay the same.
 */
public record EmulatorConfig(
        List<AgentSpec> agents,
        Path workDir,
        int port,
        Optional<String> zkUrl,
        Duration heartbeatInterval,
        Duration allocationInterval,
        Duration agentPingTimeout,
        Duration agentReregisterDelay,
        Duration executorRegistrationTimeout,
        Duration executorReregistrationTimeout,
        Duration executorShutdownGracePeriod,
        Duration statusUpdateRetryInterval,
        Duration defaultRefuseSeconds) {

    public EmulatorConfig {
        agents = List.copyOf(agents);
    }

    /** {@code n} standard agents, real-Mesos timings, a random port. */
    public static EmulatorConfig withAgents(int n, Path workDir) {
        List<AgentSpec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            specs.add(AgentSpec.standard(i));
        }
        return new EmulatorConfig(specs, workDir, 0, Optional.empty(),
                Duration.ofSeconds(15), Duration.ofSeconds(1), Duration.ofSeconds(75), Duration.ZERO,
                Duration.ofMinutes(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    /** Short timings for tests: the same state machine, seconds instead of minutes. */
    public EmulatorConfig fast() {
        return new EmulatorConfig(agents, workDir, port, zkUrl, Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofSeconds(2), agentReregisterDelay, Duration.ofSeconds(20), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofMillis(500), defaultRefuseSeconds);
    }

    public EmulatorConfig withAgents(List<AgentSpec> value) {
        return new EmulatorConfig(value, workDir, port, zkUrl, heartbeatInterval, allocationInterval, agentPingTimeout,
                agentReregisterDelay, executorRegistrationTimeout, executorReregistrationTimeout,
                executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
    }

    public EmulatorConfig withPort(int value) {
        return new EmulatorConfig(agents, workDir, value, zkUrl, heartbeatInterval, allocationInterval, agentPingTimeout,
                agentReregisterDelay, executorRegistrationTimeout, executorReregistrationTimeout,
                executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
    }

    public EmulatorConfig withZk(String value) {
        return new EmulatorConfig(agents, workDir, port, Optional.of(value), heartbeatInterval, allocationInterval,
                agentPingTimeout, agentReregisterDelay, executorRegistrationTimeout, executorReregistrationTimeout,
                executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
    }

    public EmulatorConfig withAllocationInterval(Duration value) {
        return new EmulatorConfig(agents, workDir, port, zkUrl, heartbeatInterval, value, agentPingTimeout,
                agentReregisterDelay, executorRegistrationTimeout, executorReregistrationTimeout,
                executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
    }

    public EmulatorConfig withHeartbeatInterval(Duration value) {
        return new EmulatorConfig(agents, workDir, port, zkUrl, value, allocationInterval, agentPingTimeout,
                agentReregisterDelay, executorRegistrationTimeout, executorReregistrationTimeout,
                executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
    }

    public EmulatorConfig withAgentPingTimeout(Duration value) {
        return new EmulatorConfig(agents, workDir, port, zkUrl, heartbeatInterval, allocationInterval, value,
                agentReregisterDelay, executorRegistrationTimeout, executorReregistrationTimeout,
                executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
    }

    public EmulatorConfig withAgentReregisterDelay(Duration value) {
        return new EmulatorConfig(agents, workDir, port, zkUrl, heartbeatInterval, allocationInterval, agentPingTimeout,
                value, executorRegistrationTimeout, executorReregistrationTimeout,
                executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
    }

    public EmulatorConfig withExecutorRegistrationTimeout(Duration value) {
        return new EmulatorConfig(agents, workDir, port, zkUrl, heartbeatInterval, allocationInterval, agentPingTimeout,
                agentReregisterDelay, value, executorReregistrationTimeout,
                executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
    }

    public EmulatorConfig withStatusUpdateRetryInterval(Duration value) {
        return new EmulatorConfig(agents, workDir, port, zkUrl, heartbeatInterval, allocationInterval, agentPingTimeout,
                agentReregisterDelay, executorRegistrationTimeout, executorReregistrationTimeout,
                executorShutdownGracePeriod, value, defaultRefuseSeconds);
    }
}
