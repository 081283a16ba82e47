package org.cockroachdb.mesos.http.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExecutorEnvironmentTest {

    /** What a checkpointing framework's executor gets from a 1.11 agent. */
    static Map<String, String> agentEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("MESOS_FRAMEWORK_ID", "5b1c2f0a-0000");
        env.put("MESOS_EXECUTOR_ID", "cockroachdb-0-executor");
        env.put("MESOS_AGENT_ENDPOINT", "10.0.0.7:5051");
        env.put("MESOS_SLAVE_PID", "slave(1)@10.0.0.7:5051");
        env.put("MESOS_SLAVE_ID", "5b1c2f0a-S3");
        env.put("MESOS_DIRECTORY", "/var/lib/mesos/slaves/S3/frameworks/F/executors/E/runs/R");
        env.put("MESOS_SANDBOX", "/mnt/mesos/sandbox");
        env.put("MESOS_CHECKPOINT", "1");
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", "5secs");
        env.put("MESOS_RECOVERY_TIMEOUT", "15mins");
        env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs");
        return env;
    }

    @Test
    void readsEveryVariableTheAgentSets() {
        ExecutorEnvironment env = ExecutorEnvironment.from(agentEnvironment());

        assertThat(env.frameworkId()).isEqualTo("5b1c2f0a-0000");
        assertThat(env.executorId()).isEqualTo("cockroachdb-0-executor");
        assertThat(env.agentEndpoint()).isEqualTo("10.0.0.7:5051");
        assertThat(env.agentId()).isEqualTo("5b1c2f0a-S3");
        assertThat(env.directory()).isEqualTo(Path.of("/var/lib/mesos/slaves/S3/frameworks/F/executors/E/runs/R"));
        assertThat(env.sandbox()).isEqualTo(Path.of("/mnt/mesos/sandbox"));
        assertThat(env.checkpoint()).isTrue();
        assertThat(env.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(env.recoveryTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(env.subscriptionBackoffMax()).isEqualTo(Duration.ofSeconds(2));
        assertThat(env.authenticationToken()).isEmpty();
        assertThat(env.executorApi()).isEqualTo(URI.create("http://10.0.0.7:5051/api/v1/executor"));
        assertThat(env.frameworkIdProto().getValue()).isEqualTo("5b1c2f0a-0000");
        assertThat(env.executorIdProto().getValue()).isEqualTo("cockroachdb-0-executor");
    }

    @Test
    void optionalVariablesFallBackToTheAgentsDefaults() {
        Map<String, String> vars = agentEnvironment();
        vars.remove("MESOS_SANDBOX");
        vars.remove("MESOS_CHECKPOINT");
        vars.remove("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD");
        vars.remove("MESOS_RECOVERY_TIMEOUT");
        vars.remove("MESOS_SUBSCRIPTION_BACKOFF_MAX");

        ExecutorEnvironment env = ExecutorEnvironment.from(vars);

        assertThat(env.sandbox()).isEqualTo(env.directory());
        assertThat(env.checkpoint()).isFalse();
        assertThat(env.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(env.recoveryTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(env.subscriptionBackoffMax()).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MESOS_FRAMEWORK_ID", "MESOS_EXECUTOR_ID", "MESOS_AGENT_ENDPOINT", "MESOS_SLAVE_ID",
            "MESOS_DIRECTORY"})
    void missingRequiredVariableIsNamedInOneLine(String name) {
        Map<String, String> vars = agentEnvironment();
        vars.remove(name);

        assertThatThrownBy(() -> ExecutorEnvironment.from(vars))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid executor environment: " + name
                        + " is not set (the Mesos agent sets it for every executor)");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> vars = agentEnvironment();
        vars.remove("MESOS_EXECUTOR_ID");
        vars.put("MESOS_CHECKPOINT", "yes");
        vars.put("MESOS_RECOVERY_TIMEOUT", "15 minutes");
        vars.put("MESOS_AGENT_ENDPOINT", "10.0.0.7");

        assertThatThrownBy(() -> ExecutorEnvironment.from(vars))
                .hasMessageNotContaining("\n")
                .hasMessageContaining("MESOS_EXECUTOR_ID is not set")
                .hasMessageContaining("MESOS_CHECKPOINT='yes' is invalid: expected 1 or 0")
                .hasMessageContaining("MESOS_RECOVERY_TIMEOUT='15 minutes' is invalid")
                .hasMessageContaining("MESOS_AGENT_ENDPOINT='10.0.0.7' is invalid: expected ip:port");
    }

    @Test
    void authenticationTokenIsReadButNeverPrinted() {
        Map<String, String> vars = agentEnvironment();
        vars.put("MESOS_EXECUTOR_AUTHENTICATION_TOKEN", "s3cr3t-token");

        ExecutorEnvironment env = ExecutorEnvironment.from(vars);

        assertThat(env.authenticationToken()).isEqualTo(Optional.of("s3cr3t-token"));
        assertThat(env.toString()).doesNotContain("s3cr3t-token").contains("with a token");
    }
}
