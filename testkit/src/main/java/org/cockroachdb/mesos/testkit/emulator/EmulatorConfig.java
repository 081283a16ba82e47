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
        return edit(b -> {
            b.heartbeatInterval = Duration.ofSeconds(1);
            b.allocationInterval = Duration.ofMillis(100);
            b.agentPingTimeout = Duration.ofSeconds(2);
            b.executorRegistrationTimeout = Duration.ofSeconds(20);
            b.executorReregistrationTimeout = Duration.ofSeconds(2);
            b.executorShutdownGracePeriod = Duration.ofSeconds(2);
            b.statusUpdateRetryInterval = Duration.ofMillis(500);
        });
    }

    public EmulatorConfig withAgents(List<AgentSpec> value) {
        return edit(b -> b.agents = value);
    }

    public EmulatorConfig withPort(int value) {
        return edit(b -> b.port = value);
    }

    public EmulatorConfig withZk(String value) {
        return edit(b -> b.zkUrl = Optional.of(value));
    }

    public EmulatorConfig withAllocationInterval(Duration value) {
        return edit(b -> b.allocationInterval = value);
    }

    public EmulatorConfig withHeartbeatInterval(Duration value) {
        return edit(b -> b.heartbeatInterval = value);
    }

    public EmulatorConfig withAgentPingTimeout(Duration value) {
        return edit(b -> b.agentPingTimeout = value);
    }

    public EmulatorConfig withAgentReregisterDelay(Duration value) {
        return edit(b -> b.agentReregisterDelay = value);
    }

    public EmulatorConfig withExecutorRegistrationTimeout(Duration value) {
        return edit(b -> b.executorRegistrationTimeout = value);
    }

    public EmulatorConfig withExecutorShutdownGracePeriod(Duration value) {
        return edit(b -> b.executorShutdownGracePeriod = value);
    }

    public EmulatorConfig withStatusUpdateRetryInterval(Duration value) {
        return edit(b -> b.statusUpdateRetryInterval = value);
    }

    private EmulatorConfig edit(java.util.function.Consumer<Editable> change) {
        Editable b = new Editable(this);
        change.accept(b);
        return b.build();
    }

    /** A mutable copy, so each with-method names only the field it changes. */
    private static final class Editable {
        List<AgentSpec> agents;
        Path workDir;
        int port;
        Optional<String> zkUrl;
        Duration heartbeatInterval;
        Duration allocationInterval;
        Duration agentPingTimeout;
        Duration agentReregisterDelay;
        Duration executorRegistrationTimeout;
        Duration executorReregistrationTimeout;
        Duration executorShutdownGracePeriod;
        Duration statusUpdateRetryInterval;
        Duration defaultRefuseSeconds;

        Editable(EmulatorConfig c) {
            agents = c.agents;
            workDir = c.workDir;
            port = c.port;
            zkUrl = c.zkUrl;
            heartbeatInterval = c.heartbeatInterval;
            allocationInterval = c.allocationInterval;
            agentPingTimeout = c.agentPingTimeout;
            agentReregisterDelay = c.agentReregisterDelay;
            executorRegistrationTimeout = c.executorRegistrationTimeout;
            executorReregistrationTimeout = c.executorReregistrationTimeout;
            executorShutdownGracePeriod = c.executorShutdownGracePeriod;
            statusUpdateRetryInterval = c.statusUpdateRetryInterval;
            defaultRefuseSeconds = c.defaultRefuseSeconds;
        }

        EmulatorConfig build() {
            return new EmulatorConfig(agents, workDir, port, zkUrl, heartbeatInterval, allocationInterval,
                    agentPingTimeout, agentReregisterDelay, executorRegistrationTimeout, executorReregistrationTimeout,
                    executorShutdownGracePeriod, statusUpdateRetryInterval, defaultRefuseSeconds);
        }
    }
}
