package org.cockroachdb.mesos.executor.cockroach;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CockroachArgvTest {
    static final Path SANDBOX = Path.of("/sandbox");

    static LaunchSpec spec(String listenHost) {
        return new LaunchSpec("cockroach", "v23.1.11", "cockroach-data", listenHost, "node-0.example", 26257, 8080,
                List.of("node-0.example:26257", "node-1.example:26257", "node-2.example:26257"), 268435456L, 134217728L,
                LaunchSpec.SecurityMode.INSECURE, true, LaunchSpec.Checks.DEFAULTS);
    }

    @ParameterizedTest
    @EnumSource(VersionFamily.class)
    void startEmitsTheFullFlagSetInTheForeground(VersionFamily family) {
        assertThat(CockroachArgv.startArgv(spec(""), SANDBOX, family)).containsExactly(
                "start",
                "--store=path=/sandbox/cockroach-data",
                "--listen-addr=:26257",
                "--advertise-addr=node-0.example:26257",
                "--http-addr=:8080",
                "--join=node-0.example:26257,node-1.example:26257,node-2.example:26257",
                "--cache=268435456",
                "--max-sql-memory=134217728",
                "--insecure",
                "--logtostderr=WARNING",
                "--log-dir=/sandbox/cockroach-logs");
    }

    @Test
    void aListenHostIsUsedForRpcAndHttp() {
        List<String> argv = CockroachArgv.startArgv(spec("10.0.0.5"), SANDBOX, VersionFamily.V23_1);
        assertThat(argv).contains("--listen-addr=10.0.0.5:26257", "--http-addr=10.0.0.5:8080")
                .doesNotContain("--background");
    }

    @Test
    void initTargetsThisNodeByItsAdvertisedAddress() {
        assertThat(CockroachArgv.initArgv(spec(""), VersionFamily.V20_2))
                .containsExactly("init", "--host=node-0.example:26257", "--insecure");
    }

    @Test
    void relativePathsAreRelativeToTheSandbox() {
        LaunchSpec s = new LaunchSpec("bin/cockroach", "v23.1.11", "data/store", "", "h", 1, 2, List.of("h:1"), 1, 1,
                LaunchSpec.SecurityMode.INSECURE, false, new LaunchSpec.Checks(Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ZERO, 1, Duration.ofSeconds(1)));
        assertThat(CockroachArgv.binaryPath(s, SANDBOX)).isEqualTo(Path.of("/sandbox/bin/cockroach"));
        assertThat(CockroachArgv.storePath(s, SANDBOX)).isEqualTo(Path.of("/sandbox/data/store"));
    }
}
