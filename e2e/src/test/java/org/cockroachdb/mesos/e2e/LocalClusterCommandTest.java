package org.cockroachdb.mesos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cockroachdb.mesos.local.CommandLines;
import org.cockroachdb.mesos.local.LocalMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a user runs it: the local cluster comes up, prints its pg endpoints
 * (which answer SQL), and Ctrl-C (SIGINT) stops everything it started.
 */
class LocalClusterCommandTest {

    private static final Pattern ENDPOINTS = Pattern.compile("pg endpoints:\\s+(.+)");

    @TempDir
    Path work;

    @Test
    void comesUpPrintsWorkingEndpointsAndCtrlCLeavesNothingRunning() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process main = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LocalMain.class.getName(), "--agents", "3", "--nodes", "3", "--fast", "--work-dir",
                work.toString()).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(main.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (java.io.IOException e) {
                output.add("(output ended: " + e + ")");
            }
        });
        reader.start();
        try {
            String endpoints = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300))
                    .until(() -> output.stream().map(ENDPOINTS::matcher).filter(Matcher::find)
                            .map(m -> m.group(1)).findFirst().orElse(null), e -> e != null || !main.isAlive());
            assertThat(endpoints).as("endpoints line; output:%n%s", String.join("\n", output)).isNotNull();
            String[] addresses = endpoints.split(",\\s*");
            assertThat(addresses).hasSize(3);
            for (String address : addresses) {
                assertThat(Sql.column(address.strip(), "SELECT 1")).containsExactly("1");
            }
        } finally {
            new ProcessBuilder("kill", "-INT", Long.toString(main.pid())).start().waitFor();
            await().atMost(Duration.ofMinutes(1)).until(() -> !main.isAlive());
        }
        reader.join(Duration.ofSeconds(10).toMillis());
        String marker = work.toAbsolutePath().toString();
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> CommandLines.of(p).map(c -> c.contains(marker)).orElse(false)));
        assertThat(Files.exists(work)).as("a given work dir is kept").isTrue();
    }
}
