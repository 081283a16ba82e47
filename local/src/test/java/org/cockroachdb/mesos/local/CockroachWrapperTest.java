package org.cockroachdb.mesos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CockroachWrapperTest {
    private final ChildJvm jvm = new ChildJvm(Path.of("/jdk/bin/java"), "/a b/x.jar:/it's/y.jar", Path.of("/work dir"));

    @Test
    void theScriptExecsTheStandinWithItsHomeVersionAndTunings() {
        String script = CockroachWrapper.script(jvm, Path.of("/work dir/home"), "v23.1.11",
                Map.of("COCKROACH_STANDIN_SETTLE", "1s"));
        assertThat(script).startsWith("#!/bin/sh\n")
                .contains("export COCKROACH_STANDIN_HOME='/work dir/home'\n")
                .contains("export COCKROACH_STANDIN_VERSION=\"${COCKROACH_STANDIN_VERSION:-${COCKROACH_VERSION:-v23.1.11}}\"\n")
                .contains("export COCKROACH_STANDIN_SETTLE='1s'\n")
                .endsWith("'-Dcockroach.mesos.local=/work dir' '-cp' '/a b/x.jar:/it'\\''s/y.jar' "
                        + "'org.cockroachdb.mesos.testkit.cockroach.CockroachMain' \"$@\"\n");
    }

    @Test
    void theWrapperRunsTheReleaseTheExecutorIsToldToRun(@TempDir Path dir) throws Exception {
        ChildJvm real = new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), dir);
        Path cockroach = CockroachWrapper.write(dir.resolve("bin"),
                CockroachWrapper.script(real, dir.resolve("home"), "v23.1.11", Map.of()));

        assertThat(version(cockroach, Map.of())).contains("Build Tag:        v23.1.11");
        assertThat(version(cockroach, Map.of("COCKROACH_VERSION", "v22.2.15"))).contains("Build Tag:        v22.2.15");
    }

    private static String version(Path cockroach, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cockroach.toString(), "version").redirectErrorStream(true);
        pb.environment().remove("COCKROACH_STANDIN_VERSION");
        pb.environment().remove("COCKROACH_VERSION");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void theExecutorCommandIsOneQuotedShellCommand() {
        assertThat(SchedulerEnvironment.executorCommand(jvm)).isEqualTo(
                "exec '/jdk/bin/java' '-Xmx64m' '-XX:+UseSerialGC' '-XX:TieredStopAtLevel=1' "
                        + "'-Dcockroach.mesos.local=/work dir' '-cp' '/a b/x.jar:/it'\\''s/y.jar' "
                        + "'org.cockroachdb.mesos.executor.ExecutorMain'");
    }

    @Test
    void onlyBasicVariablesAreInherited() {
        assertThat(SchedulerEnvironment.inherited(Map.of("PATH", "/bin", "NODE_COUNT", "9", "HOME", "/root")))
                .isEqualTo(Map.of("PATH", "/bin", "HOME", "/root"));
    }
}
