package org.cockroachdb.mesos.testkit.cockroach.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertCli.FAST_KEYS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the node's certificates at start and again on SIGHUP. */
class CertificateReloadTest {
    @TempDir
    Path tmp;
    Path certs;
    Path caKey;
    final KeyPermissions permissions = new KeyPermissions(name -> null);
    final CertCli cli = new CertCli();

    @BeforeEach
    void cluster() {
        certs = tmp.resolve("certs");
        caKey = tmp.resolve("ca.key");
        CertCli.secureCluster(certs, caKey, "localhost", "127.0.0.1");
    }

    @Test
    void theSignalLineIsCockroachs() {
        assertThat(CertificateReload.SIGHUP_LOG_LINE)
                .isEqualTo("received signal \"hangup\", triggering certificate reload");
    }

    @Test
    void loadExposesTheNodeCertificateItsSerialAndExpiry() throws Exception {
        X509Certificate onDisk = CertFiles.certificate(certs.resolve("node.crt"));

        TlsIdentity node = CertificateReload.load(certs, permissions).current();

        assertThat(node.certificate()).isEqualTo(onDisk);
        assertThat(node.serialNumber()).isEqualTo(onDisk.getSerialNumber());
        assertThat(node.expires()).isEqualTo(onDisk.getNotAfter().toInstant());
        assertThat(node.trustedCas()).containsExactlyElementsOf(CertFiles.certificates(certs.resolve("ca.crt")));
    }

    @Test
    void theLoadedIdentityNeverPrintsItsPrivateKey() throws Exception {
        TlsIdentity node = CertificateReload.load(certs, permissions).current();

        assertThat(node.toString()).startsWith("TlsIdentity[CN=node,O=Cockroach, serial ")
                .doesNotContain("private", "modulus");
    }

    @Test
    void reloadPicksUpARotatedNodeCertificate() throws Exception {
        CertificateReload reload = CertificateReload.load(certs, permissions);
        var oldSerial = reload.current().serialNumber();
        cli.ok("create-node", "localhost", "127.0.0.1", "--overwrite", "--certs-dir=" + certs, "--ca-key=" + caKey,
                FAST_KEYS);

        CertificateReload.Outcome outcome = reload.reload();

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.nodeCertificateChanged()).isTrue();
        assertThat(outcome.caChanged()).isFalse();
        assertThat(outcome.before().serialNumber()).isEqualTo(oldSerial);
        assertThat(outcome.after().serialNumber()).isNotEqualTo(oldSerial)
                .isEqualTo(CertFiles.certificate(certs.resolve("node.crt")).getSerialNumber());
        assertThat(reload.current()).isEqualTo(outcome.after());
    }

    @Test
    void reloadPicksUpACombinedCaFile() throws Exception {
        CertificateReload reload = CertificateReload.load(certs, permissions);
        cli.ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey, "--allow-ca-key-reuse", "--overwrite");

        CertificateReload.Outcome outcome = reload.reload();

        assertThat(outcome.caChanged()).isTrue();
        assertThat(outcome.nodeCertificateChanged()).isFalse();
        assertThat(outcome.after().trustedCas()).hasSize(2);
    }

    @Test
    void reloadWithNothingChangedChangesNothing() throws Exception {
        CertificateReload reload = CertificateReload.load(certs, permissions);

        CertificateReload.Outcome outcome = reload.reload();

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.nodeCertificateChanged()).isFalse();
        assertThat(outcome.caChanged()).isFalse();
    }

    @Test
    void reloadKeepsTheOldCertificatesWhenTheNewKeyIsReadableByOthers() throws Exception {
        CertificateReload reload = CertificateReload.load(certs, permissions);
        TlsIdentity before = reload.current();
        cli.ok("create-node", "localhost", "--overwrite", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS);
        CertFiles.chmod(certs.resolve("node.key"), "rw-r--r--");

        CertificateReload.Outcome outcome = reload.reload();

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).contains("reload would lose valid node cert: key file "
                + certs.resolve("node.key") + " has permissions -rw-r--r--, exceeds -rwx------");
        assertThat(reload.current()).isSameAs(before);
        assertThat(outcome.nodeCertificateChanged()).isFalse();
    }

    @Test
    void reloadKeepsTheOldCertificatesWhenTheNodeCertificateIsGone() throws Exception {
        CertificateReload reload = CertificateReload.load(certs, permissions);
        Files.delete(certs.resolve("node.crt"));

        assertThat(reload.reload().failure()).contains("reload would lose valid node cert: not found");
    }

    @Test
    void reloadKeepsTheOldCertificatesWhenTheCaIsGone() throws Exception {
        CertificateReload reload = CertificateReload.load(certs, permissions);
        Files.delete(certs.resolve("ca.crt"));

        assertThat(reload.reload().failure()).contains("reload would lose valid CA cert: not found");
    }

    @Test
    void startRefusesANodeKeyOthersCanRead() throws Exception {
        CertFiles.chmod(certs.resolve("node.key"), "rw-r--r--");

        assertThatThrownBy(() -> CertificateReload.load(certs, permissions))
                .isInstanceOf(CertificateLoadException.class)
                .hasMessage("problem with node certificate: key file " + certs.resolve("node.key")
                        + " has permissions -rw-r--r--, exceeds -rwx------");
    }

    @Test
    void startWithTheSkipVariableAcceptsThatKey() throws Exception {
        CertFiles.chmod(certs.resolve("node.key"), "rw-r--r--");

        assertThat(CertificateReload.load(certs, new KeyPermissions(
                name -> name.equals(KeyPermissions.SKIP_CHECK_ENV) ? "true" : null)).current()).isNotNull();
    }

    @Test
    void startNeedsTheCaCertificate() throws Exception {
        Files.delete(certs.resolve("ca.crt"));

        assertThatThrownBy(() -> CertificateReload.load(certs, permissions))
                .hasMessage("problem with CA certificate: not found");
    }

    @Test
    void startRefusesAKeyThatIsNotTheCertificates() throws Exception {
        Files.copy(certs.resolve("client.root.key"), certs.resolve("node.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> CertificateReload.load(certs, permissions))
                .hasMessage("tls: private key does not match public key");
    }
}
