package org.cockroachdb.mesos.testkit.cockroach.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cockroach cert list: the directory line, then one row per certificate. */
class CertListTest {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    @TempDir
    Path tmp;
    Path certs;
    String caExpires;
    String nodeExpires;
    String rootExpires;

    @BeforeEach
    void cluster() throws Exception {
        certs = tmp.resolve("certs");
        CertCli.secureCluster(certs, tmp.resolve("ca.key"), "localhost", "node1", "127.0.0.1", "::1");
        caExpires = expires("ca.crt");
        nodeExpires = expires("node.crt");
        rootExpires = expires("client.root.crt");
    }

    @Test
    void redirectedOutputIsTabSeparatedWithAHeaderRow() {
        CertCli.Result list = new CertCli().run("list", "--certs-dir=" + certs);

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).isEqualTo("Certificate directory: " + certs + "\n"
                + "Usage\tCertificate File\tKey File\tExpires\tNotes\tError\n"
                + "CA\tca.crt\t\t" + caExpires + "\tnum certs: 1\t\n"
                + "Node\tnode.crt\tnode.key\t" + nodeExpires + "\taddresses: localhost,node1,127.0.0.1,::1\t\n"
                + "Client\tclient.root.crt\tclient.root.key\t" + rootExpires + "\tuser: root\t\n");
        assertThat(list.err()).isEmpty();
    }

    @Test
    void onATerminalItPrintsCockroachsTable() {
        CertCli.Result list = new CertCli().terminal().run("list", "--certs-dir=" + certs + "/./");

        assertThat(list.out().lines().toList()).containsExactly(
                "Certificate directory: " + certs + "/./",
                "  Usage  | Certificate File |    Key File     |  Expires   |                  Notes                   | Error  ",
                "---------+------------------+-----------------+------------+------------------------------------------+--------",
                "  CA     | ca.crt           |                 | " + caExpires + " | num certs: 1                             |        ",
                "  Node   | node.crt         | node.key        | " + nodeExpires + " | addresses: localhost,node1,127.0.0.1,::1 |        ",
                "  Client | client.root.crt  | client.root.key | " + rootExpires + " | user: root                               |        ",
                "(3 rows)");
    }

    @Test
    void aKeyOthersCanReadShowsInTheErrorColumnWithoutItsKeyFile() throws Exception {
        Path rootKey = certs.resolve("client.root.key");
        CertFiles.chmod(rootKey, "rw-r--r--");

        CertCli.Result list = new CertCli().run("list", "--certs-dir=" + certs);

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("Client\tclient.root.crt\t\t" + rootExpires + "\tuser: <unknown>\tkey file "
                + rootKey + " has permissions -rw-r--r--, exceeds -rwx------\n");
    }

    @Test
    void theSkipPermissionCheckVariableSilencesThatError() throws Exception {
        CertFiles.chmod(certs.resolve("client.root.key"), "rw-r--r--");

        CertCli.Result list = new CertCli().env(KeyPermissions.SKIP_CHECK_ENV, "true").run("list", "--certs-dir=" + certs);

        assertThat(list.out()).contains("Client\tclient.root.crt\tclient.root.key\t" + rootExpires + "\tuser: root\t\n");
    }

    @Test
    void aCertificateWithoutItsKeySaysSo() throws Exception {
        Path nodeKey = certs.resolve("node.key");
        Files.delete(nodeKey);

        CertCli.Result list = new CertCli().run("list", "--certs-dir=" + certs);

        assertThat(list.out()).contains("Node\tnode.crt\t\t" + nodeExpires + "\taddresses: <unknown>\tcould not stat "
                + "key file " + nodeKey + ": stat " + nodeKey + ": no such file or directory\n");
    }

    @Test
    void aRotatedCaBundleCountsItsCertificates() {
        new CertCli().ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + tmp.resolve("ca.key"),
                "--allow-ca-key-reuse", "--overwrite");

        assertThat(new CertCli().run("list", "--certs-dir=" + certs).out()).contains("\tnum certs: 2\t\n");
    }

    @Test
    void filesCockroachDoesNotKnowAreLeftOut() throws Exception {
        Files.writeString(certs.resolve("notes.crt"), "not a certificate");
        Files.writeString(certs.resolve("README"), "hello");

        assertThat(new CertCli().run("list", "--certs-dir=" + certs).out().lines()).hasSize(5);
    }

    @Test
    void aMissingDirectoryListsNothing() {
        CertCli.Result list = new CertCli().run("list", "--certs-dir=" + tmp.resolve("none"));

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).isEqualTo("Certificate directory: " + tmp.resolve("none") + "\n");
    }

    @Test
    void theDefaultDirectoryIsPrintedUnexpanded() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.move(certs, home.resolve(".cockroach-certs"));

        CertCli.Result list = new CertCli().env("HOME", home.toString()).run("list");

        assertThat(list.out()).startsWith("Certificate directory: ${HOME}/.cockroach-certs\nUsage\t")
                .contains("\nCA\tca.crt\t");
    }

    private String expires(String cert) throws Exception {
        return DAY.format(CertFiles.certificate(certs.resolve(cert)).getNotAfter().toInstant());
    }
}
