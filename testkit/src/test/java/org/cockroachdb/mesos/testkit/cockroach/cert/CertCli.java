package org.cockroachdb.mesos.testkit.cockroach.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.testkit.cockroach.Release;

/** Runs {@code cockroach cert ...} against the stand-in with a chosen environment and release. */
final class CertCli {
    /** Tests sign with 1024-bit keys unless a test is about key sizes: key generation dominates their time. */
    static final String FAST_KEYS = "--key-size=1024";

    private final Map<String, String> env = new HashMap<>();
    private Release release = Release.parse(Release.DEFAULT);
    private boolean terminal;

    CertCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CertCli release(String tag) {
        release = Release.parse(tag);
        return this;
    }

    CertCli terminal() {
        terminal = true;
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CertCommand(release, env::get, terminal).run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and insists on success, for setting up certificates a test then examines. */
    Result ok(String... args) {
        Result result = run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }

    /** A CA, a node certificate for {@code hosts} and a root client certificate, all with fast keys. */
    static void secureCluster(Path certs, Path caKey, String... hosts) {
        CertCli cli = new CertCli();
        cli.ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS);
        List<String> node = new ArrayList<>(List.of("create-node", "--certs-dir=" + certs, "--ca-key=" + caKey,
                FAST_KEYS));
        node.addAll(List.of(hosts));
        cli.ok(node.toArray(String[]::new));
        cli.ok("create-client", "root", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS);
    }

    record Result(int exitCode, String out, String err) {}
}
