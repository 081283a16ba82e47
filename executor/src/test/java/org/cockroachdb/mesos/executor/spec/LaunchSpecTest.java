package org.cockroachdb.mesos.executor.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LaunchSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static LaunchSpec sample() {
        return new LaunchSpec("cockroach", "v23.1.11", "cockroach-data", "", "node-0.example", 26257, 8080,
                List.of("node-0.example:26257", "node-1.example:26257"), 1L << 30, 1L << 30,
                LaunchSpec.SecurityMode.INSECURE, true,
                new LaunchSpec.Checks(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(10), 3,
                        Duration.ofMillis(700)));
    }

    @Test
    void roundTripsThroughJson() {
        LaunchSpec spec = sample();
        assertThat(LaunchSpec.fromJson(spec.toJson())).isEqualTo(spec);
    }

    @Test
    void jsonFieldsAreTheComponentNamesWithDurationsInMillis() throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(sample().toJson());
        assertThat(json.fieldNames()).toIterable().containsExactly("cockroachBinary", "expectedVersion", "storeDir",
                "listenHost", "advertiseHost", "rpcPort", "httpPort", "join", "cacheBytes", "maxSqlMemoryBytes",
                "security", "initCluster", "checks");
        assertThat(json.get("checks").get("readinessIntervalMillis").asLong()).isEqualTo(500);
        assertThat(json.get("checks").get("checkTimeoutMillis").asLong()).isEqualTo(700);
        assertThat(json.get("security").asText()).isEqualTo("INSECURE");
    }

    static List<Arguments> invalid() {
        return List.of(
                Arguments.of("not JSON", (Consumer<ObjectNode>) j -> {}, "{", "not valid JSON"),
                Arguments.of("unknown field", edit(j -> j.put("background", true)), null, "background is not a launch spec field"),
                Arguments.of("unknown check field", edit(j -> ((ObjectNode) j.get("checks")).put("delayMillis", 1)), null,
                        "checks.delayMillis is not a launch spec field"),
                Arguments.of("missing field", edit(j -> j.remove("advertiseHost")), null, "advertiseHost is missing"),
                Arguments.of("wrong type", edit(j -> j.put("rpcPort", "26257")), null, "rpcPort must be a whole number"),
                Arguments.of("blank binary", edit(j -> j.put("cockroachBinary", " ")), null, "cockroachBinary must be"),
                Arguments.of("bad version", edit(j -> j.put("expectedVersion", "latest")), null,
                        "expectedVersion must look like v23.1.11"),
                Arguments.of("absolute store", edit(j -> j.put("storeDir", "/data")), null,
                        "storeDir must be a path relative to the sandbox"),
                Arguments.of("bad listen host", edit(j -> j.put("listenHost", "http://x")), null, "listenHost must be"),
                Arguments.of("empty advertise host", edit(j -> j.put("advertiseHost", "")), null, "advertiseHost must be"),
                Arguments.of("port out of range", edit(j -> j.put("httpPort", 70000)), null,
                        "httpPort must be a port from 1 to 65535"),
                Arguments.of("same ports", edit(j -> j.put("httpPort", 26257)), null, "httpPort must differ from rpcPort"),
                Arguments.of("empty join", edit(j -> j.putArray("join")), null, "join must list at least one"),
                Arguments.of("join without port", edit(j -> j.putArray("join").add("node-0")), null,
                        "join entries must be host:port"),
                Arguments.of("join not strings", edit(j -> j.putArray("join").add(1)), null, "join must be a JSON array"),
                Arguments.of("zero cache", edit(j -> j.put("cacheBytes", 0)), null, "cacheBytes must be a positive"),
                Arguments.of("negative sql memory", edit(j -> j.put("maxSqlMemoryBytes", -1)), null,
                        "maxSqlMemoryBytes must be a positive"),
                Arguments.of("unknown security", edit(j -> j.put("security", "TLS")), null,
                        "security must be one of [INSECURE]"),
                Arguments.of("init not boolean", edit(j -> j.put("initCluster", "yes")), null,
                        "initCluster must be true or false"),
                Arguments.of("zero interval", edit(j -> ((ObjectNode) j.get("checks")).put("healthIntervalMillis", 0)), null,
                        "checks.healthIntervalMillis must be 1 or more"),
                Arguments.of("no failures allowed", edit(j -> ((ObjectNode) j.get("checks")).put("healthMaxFailures", 0)),
                        null, "checks.healthMaxFailures must be 1 or more"),
                Arguments.of("checks not an object", edit(j -> j.put("checks", 5)), null, "checks must be an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithOneLineNamingTheField(String what, Consumer<ObjectNode> change, String raw, String expected) {
        byte[] json = raw != null ? raw.getBytes(StandardCharsets.UTF_8) : edited(change);
        assertThatThrownBy(() -> LaunchSpec.fromJson(json))
                .isInstanceOf(InvalidLaunchSpecException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static Consumer<ObjectNode> edit(Consumer<ObjectNode> c) {
        return c;
    }

    private static byte[] edited(Consumer<ObjectNode> change) {
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(sample().toJson());
            change.accept(json);
            return JSON.writeValueAsBytes(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
