package org.cockroachdb.mesos.testkit.cockroach.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertCli.FAST_KEYS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What create-ca, create-node and create-client write, examined with the JDK's X.509 code. */
class CertCommandCreateTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    @TempDir
    static Path shared;
    static Path certs;
    static Path caKey;
    static Instant createdAfter;
    static Instant createdBefore;

    @TempDir
    Path tmp;
    final CertCli cli = new CertCli();

    @BeforeAll
    static void createCaNodeAndClient() throws Exception {
        certs = shared.resolve("certs");
        caKey = Files.createDirectory(shared.resolve("safe")).resolve("ca.key");
        CertCli cli = new CertCli();
        createdAfter = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        cli.ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey); // default key size
        cli.ok("create-node", "localhost", "127.0.0.1", "::1", "node1.crdb.example.com", "*.crdb.example.com",
                "--certs-dir", certs.toString(), "--ca-key", caKey.toString(), FAST_KEYS);
        cli.ok("create-client", "root", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS,
                "--also-generate-pkcs8-key");
        createdBefore = Instant.now().plusSeconds(1);
    }

    @Test
    void createCaWritesASelfSignedCaCertificateTheJdkParses() throws Exception {
        List<X509Certificate> ca = CertFiles.certificates(certs.resolve("ca.crt"));

        assertThat(ca).hasSize(1);
        X509Certificate cert = ca.get(0);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Cockroach CA,O=Cockroach");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getBasicConstraints()).as("a CA with path length 1").isEqualTo(1);
        assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThatCode(() -> cert.verify(cert.getPublicKey())).doesNotThrowAnyException();
        assertThat(cert.getPublicKey()).isEqualTo(CertFiles.keyPair(caKey).getPublic());
    }

    @Test
    void caKeyIsWrittenAtTheCaKeyPathAndNotIntoTheCertsDirectory() throws Exception {
        assertThat(caKey).isRegularFile();
        assertThat(Files.readString(caKey)).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        try (var files = Files.list(certs)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "ca.crt", "node.crt", "node.key", "client.root.crt", "client.root.key", "client.root.key.pk8");
        }
    }

    @Test
    void nodeCertificateIsSignedByTheCaAndNamesEveryHostInItsSubjectAlternativeNames() throws Exception {
        X509Certificate ca = CertFiles.certificate(certs.resolve("ca.crt"));
        X509Certificate node = CertFiles.certificate(certs.resolve("node.crt"));

        assertThatCode(() -> node.verify(ca.getPublicKey())).doesNotThrowAnyException();
        assertThat(node.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(node.getSubjectX500Principal().getName()).isEqualTo("CN=node,O=Cockroach");
        assertThat(node.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(node.getSubjectAlternativeNames()).containsExactly(
                List.of(SAN_DNS, "localhost"),
                List.of(SAN_DNS, "node1.crdb.example.com"),
                List.of(SAN_DNS, "*.crdb.example.com"),
                List.of(SAN_IP, "127.0.0.1"),
                List.of(SAN_IP, "0:0:0:0:0:0:0:1"));
    }

    @Test
    void nodeCertificateServesAndAuthenticatesAsAClient() throws Exception {
        X509Certificate node = CertFiles.certificate(certs.resolve("node.crt"));

        assertThat(node.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(node.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(node.getKeyUsage()[2]).as("keyEncipherment").isTrue();
    }

    @Test
    void clientCertificateNamesTheUserAndIsForClientAuthenticationOnly() throws Exception {
        X509Certificate ca = CertFiles.certificate(certs.resolve("ca.crt"));
        X509Certificate client = CertFiles.certificate(certs.resolve("client.root.crt"));

        assertThatCode(() -> client.verify(ca.getPublicKey())).doesNotThrowAnyException();
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=root,O=Cockroach");
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void keysAreOwnerReadWriteOnlyAndCertificatesWorldReadable() throws Exception {
        assertThat(CertFiles.mode(caKey)).isEqualTo("rw-------");
        assertThat(CertFiles.mode(certs.resolve("node.key"))).isEqualTo("rw-------");
        assertThat(CertFiles.mode(certs.resolve("client.root.key"))).isEqualTo("rw-------");
        assertThat(CertFiles.mode(certs.resolve("client.root.key.pk8"))).isEqualTo("rw-------");
        for (String cert : List.of("ca.crt", "node.crt", "client.root.crt")) {
            // 0644 less whatever the process umask takes away, as with open(2) on the real binary.
            assertThat(CertFiles.mode(certs.resolve(cert))).isIn("rw-r--r--", "rw-r-----", "rw-------");
        }
    }

    @Test
    void keysMatchTheirCertificates() throws Exception {
        assertThat(CertFiles.keyPair(certs.resolve("node.key")).getPublic())
                .isEqualTo(CertFiles.certificate(certs.resolve("node.crt")).getPublicKey());
        assertThat(CertFiles.keyPair(certs.resolve("client.root.key")).getPublic())
                .isEqualTo(CertFiles.certificate(certs.resolve("client.root.crt")).getPublicKey());
    }

    @Test
    void pkcs8KeyIsTheClientKeyInDerForJdbc() throws Exception {
        byte[] der = Files.readAllBytes(certs.resolve("client.root.key.pk8"));
        var pkcs8 = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));

        var pem = (RSAPrivateCrtKey) CertFiles.keyPair(certs.resolve("client.root.key")).getPrivate();
        assertThat(pkcs8.getModulus()).isEqualTo(pem.getModulus());
        assertThat(pkcs8.getPrivateExponent()).isEqualTo(pem.getPrivateExponent());
    }

    @Test
    void keySizeDefaultsTo2048BitsAndFollowsTheFlag() throws Exception {
        assertThat(((RSAPublicKey) CertFiles.keyPair(caKey).getPublic()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(((RSAPublicKey) CertFiles.keyPair(certs.resolve("node.key")).getPublic()).getModulus()
                .bitLength()).isEqualTo(1024);
    }

    @Test
    void defaultLifetimesAreTenYearsForTheCaAndFiveForOthersCountingYearsAs366Days() throws Exception {
        assertThat(CertFiles.certificate(certs.resolve("ca.crt")).getNotAfter().toInstant())
                .isBetween(createdAfter.plus(Duration.ofHours(87840)), createdBefore.plus(Duration.ofHours(87840)));
        for (String cert : List.of("node.crt", "client.root.crt")) {
            assertThat(CertFiles.certificate(certs.resolve(cert)).getNotAfter().toInstant())
                    .isBetween(createdAfter.plus(Duration.ofHours(43920)), createdBefore.plus(Duration.ofHours(43920)));
        }
    }

    @Test
    void certificatesAreValidFromADayAgoToAllowForClockSkew() throws Exception {
        assertThat(CertFiles.certificate(certs.resolve("node.crt")).getNotBefore().toInstant())
                .isBetween(createdAfter.minus(Duration.ofDays(1)), createdBefore.minus(Duration.ofDays(1)));
    }

    @Test
    void lifetimeFlagTakesGoDurations() throws Exception {
        Path dir = tmp.resolve("certs");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        cli.ok("create-ca", "--certs-dir=" + dir, "--ca-key=" + tmp.resolve("ca.key"), FAST_KEYS,
                "--lifetime=1h30m");

        assertThat(CertFiles.certificate(dir.resolve("ca.crt")).getNotAfter().toInstant())
                .isBetween(before.plus(Duration.ofMinutes(90)), Instant.now().plus(Duration.ofMinutes(90)));
    }

    @Test
    void certsDirectoryIsCreatedOwnerOnlyWhenMissing() throws Exception {
        Path dir = tmp.resolve("new-certs");

        cli.ok("create-ca", "--certs-dir=" + dir, "--ca-key=" + tmp.resolve("ca.key"), FAST_KEYS);

        assertThat(CertFiles.mode(dir)).isEqualTo("rwx------");
    }

    @Test
    void certsDirectoryAndCaKeyDefaultFromTheEnvironment() throws Exception {
        Path dir = tmp.resolve("from-env");
        Path key = tmp.resolve("env-ca.key");
        CertCli fromEnv = new CertCli().env("COCKROACH_CERTS_DIR", dir.toString())
                .env("COCKROACH_CA_KEY", key.toString());

        fromEnv.ok("create-ca", FAST_KEYS);
        fromEnv.ok("create-client", "maxroach", FAST_KEYS);

        assertThat(dir.resolve("ca.crt")).isRegularFile();
        assertThat(dir.resolve("client.maxroach.crt")).isRegularFile();
        assertThat(key).isRegularFile();
    }

    @Test
    void certsDirectoryDefaultsToDotCockroachCertsInHome() throws Exception {
        new CertCli().env("HOME", tmp.toString())
                .ok("create-ca", "--ca-key=${HOME}/ca.key", FAST_KEYS);

        assertThat(tmp.resolve(".cockroach-certs/ca.crt")).isRegularFile();
        assertThat(tmp.resolve("ca.key")).isRegularFile();
    }

    @Test
    void createCaReusingTheKeyWithOverwritePutsTheNewCaFirstAndKeepsTheOld() throws Exception {
        Path dir = tmp.resolve("certs");
        Path key = tmp.resolve("ca.key");
        cli.ok("create-ca", "--certs-dir=" + dir, "--ca-key=" + key, FAST_KEYS);
        X509Certificate old = CertFiles.certificate(dir.resolve("ca.crt"));

        cli.ok("create-ca", "--certs-dir=" + dir, "--ca-key=" + key, "--allow-ca-key-reuse", "--overwrite");

        List<X509Certificate> bundle = CertFiles.certificates(dir.resolve("ca.crt"));
        assertThat(bundle).hasSize(2);
        assertThat(bundle.get(1)).isEqualTo(old);
        assertThat(bundle.get(0).getSerialNumber()).isNotEqualTo(old.getSerialNumber());
        assertThat(bundle.get(0).getPublicKey()).isEqualTo(old.getPublicKey());
    }

    @Test
    void clientUserNamesAreNormalizedToLowerCase() throws Exception {
        Path dir = tmp.resolve("certs");
        Path key = tmp.resolve("ca.key");
        cli.ok("create-ca", "--certs-dir=" + dir, "--ca-key=" + key, FAST_KEYS);

        cli.ok("create-client", "MaxRoach", "--certs-dir=" + dir, "--ca-key=" + key, FAST_KEYS);

        assertThat(CertFiles.certificate(dir.resolve("client.maxroach.crt")).getSubjectX500Principal().getName())
                .isEqualTo("CN=maxroach,O=Cockroach");
    }

    @Test
    void createClientSignsWithTheClientCaWhenThereIsOne() throws Exception {
        Path dir = tmp.resolve("certs");
        Path key = tmp.resolve("ca.key");
        cli.ok("create-ca", "--certs-dir=" + dir, "--ca-key=" + key, FAST_KEYS);
        // A client CA with its own key, made the way cockroach's create-client-ca would.
        Path clientCaKey = tmp.resolve("client-ca.key");
        Path other = tmp.resolve("other");
        cli.ok("create-ca", "--certs-dir=" + other, "--ca-key=" + clientCaKey, FAST_KEYS);
        Files.copy(other.resolve("ca.crt"), dir.resolve("ca-client.crt"));

        cli.ok("create-client", "root", "--certs-dir=" + dir, "--ca-key=" + clientCaKey, FAST_KEYS);

        X509Certificate clientCa = CertFiles.certificate(dir.resolve("ca-client.crt"));
        assertThatCode(() -> CertFiles.certificate(dir.resolve("client.root.crt")).verify(clientCa.getPublicKey()))
                .doesNotThrowAnyException();
    }

    @Test
    void flagsMayComeBeforeTheSubCommand() throws Exception {
        Path dir = tmp.resolve("certs");

        cli.ok("--certs-dir", dir.toString(), "--ca-key=" + tmp.resolve("ca.key"), "create-ca", FAST_KEYS);

        assertThat(dir.resolve("ca.crt")).isRegularFile();
    }

    @Test
    void nodeCertificateCanBeMadeForOnlyAWildcardName() throws Exception {
        Path dir = tmp.resolve("certs");
        Path key = tmp.resolve("ca.key");
        cli.ok("create-ca", "--certs-dir=" + dir, "--ca-key=" + key, FAST_KEYS);

        cli.ok("create-node", "*.cockroachdb.mesos", "--certs-dir=" + dir, "--ca-key=" + key, FAST_KEYS);

        assertThat(CertFiles.certificate(dir.resolve("node.crt")).getSubjectAlternativeNames())
                .containsExactly(List.of(SAN_DNS, "*.cockroachdb.mesos"));
    }
}
