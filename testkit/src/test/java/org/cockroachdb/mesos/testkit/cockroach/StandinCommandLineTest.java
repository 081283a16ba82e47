package org.cockroachdb.mesos.testkit.cockroach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: {@code version}, start flags by release family, and their errors. */
class StandinCommandLineTest {
    @TempDir
    Path dir;

    private StandinCluster cluster;

    private StandinCluster cluster(String release) {
        cluster = new StandinCluster(dir, release);
        return cluster;
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @CsvSource({"v2.1.4,go1.10", "v20.2.19,go1.13.14", "v23.1.11,go1.19.10"})
    void versionPrintsTheBuildTagOfTheRelease(String release, String go) throws Exception {
        StandinCluster.Result r = cluster(release).cli("version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Build Tag:        " + release).contains("Go Version:       " + go)
                .contains("Platform:         linux amd64");
    }

    @Test
    void anUnknownFlagFailsLikeTheRealBinary() throws Exception {
        StandinCluster.Result r = cluster("v23.1.11").cli("start", "--insecure", "--bogus-flag=1");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Error: unknown flag: --bogus-flag").contains("Failed running \"start\"");
    }

    @Test
    void aFlagWithoutItsValueFails() throws Exception {
        StandinCluster.Result r = cluster("v23.1.11").cli("start", "--insecure", "--join");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("flag needs an argument: --join");
    }

    @Test
    void fromV20StartWithoutJoinIsRefused() throws Exception {
        StandinCluster c = cluster("v20.2.19");
        StandinCluster.Node n = c.addNode();
        StandinCluster.Result r = c.cli("start", "--insecure", "--store=path=" + n.store, "--listen-addr=" + n.rpcAddress());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("ERROR: no --join flags provided to 'cockroach start'");
    }

    @Test
    void v21StartWithoutJoinBootstrapsAOneNodeClusterAtOnce() throws Exception {
        StandinCluster c = cluster("v2.1.4");
        StandinCluster.Node n = c.addNode();
        c.launch(n, java.util.List.of("start", "--insecure", "--store=path=" + n.store, "--host=127.0.0.1",
                "--port=" + n.rpcPort, "--http-port=" + n.httpPort, "--advertise-host=127.0.0.1"));

        await().atMost(StandinCluster.WAIT).until(() -> n.output().contains("status:"));
        assertThat(n.output()).contains("status:              initialized new cluster").contains("nodeID:              1");
    }

    @Test
    void sqlAddrIsUnknownBeforeV20() throws Exception {
        StandinCluster.Result r = cluster("v2.1.4").cli("start", "--insecure", "--sql-addr=:26258");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown flag: --sql-addr");
    }

    @Test
    void startWithoutInsecureOrCertsDirCannotLoadCertificates() throws Exception {
        StandinCluster c = cluster("v23.1.11");
        StandinCluster.Node n = c.addNode();
        StandinCluster.Result r = c.cli("start", "--store=path=" + n.store, "--join=" + n.rpcAddress());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("cannot load certificates");
    }

    @Test
    void anInvalidCacheSizeIsRefusedNamingTheFlag() throws Exception {
        StandinCluster.Result r = cluster("v23.1.11").cli("start", "--insecure", "--join=127.0.0.1:1", "--cache=lots");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("invalid argument \"lots\" for \"--cache\" flag");
    }

    @Test
    void anUnknownCommandIsRefused() throws Exception {
        StandinCluster.Result r = cluster("v23.1.11").cli("frobnicate");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("unknown command \"frobnicate\" for \"cockroach\"");
    }

    @ParameterizedTest
    @CsvSource({"v20.2.19,0", "v21.2.17,1", "v23.1.11,1"})
    void quitExistsOnlyBeforeV21(String release, int exit) throws Exception {
        StandinCluster.Result r = cluster(release).cli("quit", "--insecure", "--host=127.0.0.1:1");

        if (exit == 1) {
            assertThat(r.err()).contains("unknown command \"quit\"");
        } else {
            assertThat(r.err()).contains("cannot dial server"); // the command exists; nothing listens there
        }
    }

    @Test
    void aBadStandinVersionIsRefusedNamingTheVariable() throws Exception {
        StandinCluster.Result r = cluster("twenty-three").cli("version");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("COCKROACH_STANDIN_VERSION must look like v23.1.11");
    }
}
