package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real {@code psql} (libpq, simple query protocol) as a child process against the wire server. */
class PgPsqlTest {
    private H2Backend backend;
    private PgWireServer server;
    private InetSocketAddress address;

    private record Outcome(int exitCode, String stdout, String stderr) {}

    @BeforeEach
    void start() throws Exception {
        assumeTrue(psqlOnPath(), "psql (postgresql-client) is not installed");
        backend = new H2Backend();
        server = new PgWireServer(backend);
        address = server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            backend.close();
        }
    }

    @Test
    void selectOneWithSslPreferredPrintsOne() throws Exception {
        Outcome out = psql(null, "-c", "select 1", "-A", "-t");
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stdout().strip()).isEqualTo("1");
    }

    @Test
    void multiStatementCommandRunsEveryStatementInOrder() throws Exception {
        Outcome out = psql(null, "-c",
                "create table notes (id int primary key, body text); insert into notes values (1, 'a;b'), (2, $$c'd$$); "
                        + "select body from notes order by id", "-A", "-t");
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stdout().lines().toList()).containsSubsequence("INSERT 0 2", "a;b", "c'd");
    }

    @Test
    void statementsReadFromStdinRunOneAfterAnother() throws Exception {
        String script = """
                create table counts (n int);
                insert into counts values (1);
                insert into counts values (2);
                -- a comment line
                select sum(n) from counts;
                """;
        Outcome out = psql(script, "-A", "-t", "-v", "ON_ERROR_STOP=1");
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stdout().lines().toList()).endsWith("3");
    }

    @Test
    void failingStatementIsReportedWithItsMessageAndNonZeroExit() throws Exception {
        Outcome out = psql(null, "-v", "ON_ERROR_STOP=1", "-c", "select * from no_such_table");
        assertThat(out.exitCode()).isNotZero();
        assertThat(out.stderr()).containsIgnoringCase("no_such_table");
    }

    private Outcome psql(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("psql");
        command.add("-X"); // no ~/.psqlrc: the test sees psql's defaults
        command.add("host=127.0.0.1 port=" + address.getPort() + " user=root dbname=defaultdb sslmode=prefer connect_timeout=10");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PGAPPNAME", "psql-test");
        Process p = pb.start();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("psql did not finish within 60 s; stderr: " + stderr.getNow(""));
        }
        return new Outcome(p.exitValue(), stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    private static boolean psqlOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "psql"))) {
                return true;
            }
        }
        return false;
    }
}
