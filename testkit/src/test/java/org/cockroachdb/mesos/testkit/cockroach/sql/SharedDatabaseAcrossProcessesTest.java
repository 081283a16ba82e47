package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two node processes share one cluster database: the one that opened it first serves it; when that
 * process is SIGKILLed, the survivor takes the file over and carries on with every committed row.
 */
class SharedDatabaseAcrossProcessesTest {
    @TempDir
    Path dir;
    Process child;
    final List<String> childOutput = new CopyOnWriteArrayList<>();

    @AfterEach
    void killChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void theSurvivorTakesOverTheDatabaseWhenTheServingProcessIsKilled() throws Exception {
        startChild();
        await().atMost(Duration.ofSeconds(60)).until(() -> childOutput.contains("ready"));

        long connectStart = System.nanoTime();
        try (H2SqlBackend backend = new H2SqlBackend(new FakeNodeContext(dir));
             H2SqlSession session = backend.open("root", "defaultdb", Map.of())) {
            assertThat(session.execute("SELECT id, by FROM held", List.of()).rows()).containsExactly(List.of("1", "child"));
            long remoteOpenMillis = (System.nanoTime() - connectStart) / 1_000_000;
            session.execute("INSERT INTO held VALUES (2, 'parent')", List.of());

            child.destroyForcibly(); // SIGKILL: no shutdown hook, H2's lock file stays behind
            child.waitFor();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsInstanceOf(SqlError.class)
                    .until(() -> session.execute("SELECT count(*) FROM held", List.of()).rows().equals(List.of(List.of("2"))));
            long takeoverMillis = (System.nanoTime() - killed) / 1_000_000;

            session.execute("INSERT INTO held VALUES (3, 'parent')", List.of());
            assertThat(session.execute("SELECT id, by FROM held ORDER BY id", List.of()).rows())
                    .containsExactly(List.of("1", "child"), List.of("2", "parent"), List.of("3", "parent"));
            System.out.println("child: " + childOutput.get(0) + "; remote open + first query " + remoteOpenMillis
                    + " ms; takeover after SIGKILL " + takeoverMillis + " ms");
            try (H2SqlSession fresh = backend.open("root", "defaultdb", Map.of())) {
                assertThat(fresh.execute("SELECT count(*) FROM held", List.of()).rows()).containsExactly(List.of("3"));
            }
        }
    }

    private void startChild() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SharedDatabaseHolder.class.getName(), dir.toString(), "1")
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    childOutput.add(line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }
}
