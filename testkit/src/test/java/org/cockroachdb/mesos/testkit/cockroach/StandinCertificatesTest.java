package org.cockroachdb.mesos.testkit.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cockroach cert} as a real process, and what a secure-mode node does with the files. */
class StandinCertificatesTest {
    @TempDir
    Path dir;

    private StandinCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Path certs(StandinCluster c) throws Exception {
        Path certs = dir.resolve("certs");
        Path caKey = dir.resolve("ca-safe/ca.key");
        Files.createDirectories(caKey.getParent());
        assertThat(c.cli("cert", "create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey).exitCode()).isZero();
        assertThat(c.cli("cert", "create-node", "127.0.0.1", "localhost", "--certs-dir=" + certs, "--ca-key=" + caKey)
                .exitCode()).isZero();
        assertThat(c.cli("cert", "create-client", "root", "--certs-dir=" + certs, "--ca-key=" + caKey).exitCode()).isZero();
        return certs;
    }

    @Test
    void certCommandsWriteTheRealFilesWithPrivateKeys() throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11");
        Path certs = certs(cluster);

        assertThat(certs.resolve("ca.crt")).exists();
        for (String key : List.of("node.key", "client.root.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve(key)))).isEqualTo("rw-------");
        }
        assertThat(certs.resolve("node.crt")).exists();
        assertThat(certs.resolve("client.root.crt")).exists();
        StandinCluster.Result list = cluster.cli("cert", "list", "--certs-dir=" + certs);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("ca.crt").contains("node.crt").contains("client.root.crt");
    }

    @Test
    void aNodeRefusesToStartWhenItsKeyIsGroupOrWorldReadable() throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11");
        Path certs = certs(cluster);
        Files.setPosixFilePermissions(certs.resolve("node.key"), PosixFilePermissions.fromString("rw-r--r--"));
        StandinCluster.Node n = cluster.addNode();

        StandinCluster.Result r = cluster.cli("start", "--certs-dir=" + certs, "--store=path=" + n.store,
                "--listen-addr=" + n.rpcAddress(), "--http-addr=127.0.0.1:" + n.httpPort, "--join=" + n.rpcAddress());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("has permissions -rw-r--r--, exceeds -rwx------");
    }

    @Test
    void aSecureNodeReloadsItsCertificatesOnSighup() throws Exception {
        cluster = new StandinCluster(dir, "v23.1.11");
        StandinCluster c = cluster;
        Path certs = certs(c);
        StandinCluster.Node n = c.addNode();
        c.launch(n, List.of("start-single-node", "--certs-dir=" + certs, "--store=path=" + n.store,
                "--listen-addr=" + n.rpcAddress(), "--http-addr=127.0.0.1:" + n.httpPort, "--logtostderr=INFO"));
        await().atMost(StandinCluster.WAIT).until(() -> n.output().contains("nodeID:"));
        assertThat(n.output()).contains("RPC client flags:    cockroach <client cmd> --host=" + n.rpcAddress()
                + " --certs-dir=" + certs);

        c.signal(n, "HUP");

        await().atMost(StandinCluster.WAIT).until(() -> n.errors().contains("certificates reloaded from " + certs));
        assertThat(n.errors()).contains("received signal \"hangup\", triggering certificate reload");
        assertThat(n.process.waitFor(200, TimeUnit.MILLISECONDS)).isFalse(); // still running
    }
}
