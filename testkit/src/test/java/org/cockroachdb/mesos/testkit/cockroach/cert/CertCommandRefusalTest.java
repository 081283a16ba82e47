package org.cockroachdb.mesos.testkit.cockroach.cert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertCli.FAST_KEYS;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cockroach cert refuses to do, and how it says so. */
class CertCommandRefusalTest {
    @TempDir
    Path tmp;
    Path certs;
    Path caKey;
    final CertCli cli = new CertCli();

    @BeforeEach
    void paths() {
        certs = tmp.resolve("certs");
        caKey = tmp.resolve("ca.key");
    }

    @Test
    void createCaRefusesToReuseAnExistingCaKeyAndNamesIt() throws Exception {
        cli.ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS);
        byte[] key = Files.readAllBytes(caKey);

        CertCli.Result again = cli.run("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS);

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("ERROR: failed to generate CA cert and key: CA key " + caKey
                + " exists, but key reuse is disabled\nFailed running \"cert create-ca\"\n");
        assertThat(Files.readAllBytes(caKey)).isEqualTo(key);
    }

    @Test
    void createCaReusingTheKeyStillRefusesToReplaceCaCrtWithoutOverwrite() {
        cli.ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS);

        CertCli.Result again = cli.run("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey,
                "--allow-ca-key-reuse");

        assertThat(again.exitCode()).isEqualTo(1);
        Path caCrt = certs.resolve("ca.crt");
        assertThat(again.err()).startsWith("ERROR: failed to generate CA cert and key: could not write CA certificate file "
                + caCrt + ": open " + caCrt + ": file exists\n");
    }

    @Test
    void createNodeRefusesToOverwriteExistingFilesWithoutOverwrite() throws Exception {
        CertCli.secureCluster(certs, caKey, "localhost");
        byte[] cert = Files.readAllBytes(certs.resolve("node.crt"));

        CertCli.Result again = cli.run("create-node", "localhost", "--certs-dir=" + certs, "--ca-key=" + caKey,
                FAST_KEYS);

        assertThat(again.exitCode()).isEqualTo(1);
        Path nodeCrt = certs.resolve("node.crt");
        assertThat(again.err()).isEqualTo("ERROR: failed to generate node certificate and key: error writing node "
                + "server certificate to " + nodeCrt + ": open " + nodeCrt + ": file exists\n"
                + "Failed running \"cert create-node\"\n");
        assertThat(Files.readAllBytes(nodeCrt)).isEqualTo(cert);
    }

    @Test
    void createNodeWithOverwriteReplacesBothFilesKeepingTheirModes() throws Exception {
        CertCli.secureCluster(certs, caKey, "localhost");
        var oldSerial = CertFiles.certificate(certs.resolve("node.crt")).getSerialNumber();

        cli.ok("create-node", "localhost", "127.0.0.1", "--overwrite", "--certs-dir=" + certs, "--ca-key=" + caKey,
                FAST_KEYS);

        assertThat(CertFiles.certificate(certs.resolve("node.crt")).getSerialNumber()).isNotEqualTo(oldSerial);
        assertThat(CertFiles.keyPair(certs.resolve("node.key")).getPublic())
                .isEqualTo(CertFiles.certificate(certs.resolve("node.crt")).getPublicKey());
        assertThat(CertFiles.mode(certs.resolve("node.key"))).isEqualTo("rw-------");
    }

    @Test
    void createClientRefusesToOverwriteExistingFilesWithoutOverwrite() {
        CertCli.secureCluster(certs, caKey, "localhost");

        CertCli.Result again = cli.run("create-client", "root", "--certs-dir=" + certs, "--ca-key=" + caKey,
                FAST_KEYS);

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("ERROR: failed to generate client certificate and key: error writing "
                + "client certificate to " + certs.resolve("client.root.crt") + ": open "
                + certs.resolve("client.root.crt") + ": file exists\n");
    }

    @Test
    void createNodeNeedsCaCrtInTheCertsDirectoryAndSaysWhichFileIsMissing() throws Exception {
        cli.ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS);
        Path empty = Files.createDirectory(tmp.resolve("empty"));

        CertCli.Result node = cli.run("create-node", "localhost", "--certs-dir=" + empty, "--ca-key=" + caKey);

        assertThat(node.exitCode()).isEqualTo(1);
        Path caCrt = empty.resolve("ca.crt");
        assertThat(node.err()).isEqualTo("ERROR: failed to generate node certificate and key: error loading CA "
                + "certificate " + caCrt + " and key " + caKey + ": open " + caCrt + ": no such file or directory\n"
                + "Failed running \"cert create-node\"\n");
        assertThat(empty.resolve("node.key")).doesNotExist();
    }

    @Test
    void createNodeWithAnotherCasKeyIsRefused() {
        cli.ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS);
        Path otherKey = tmp.resolve("other-ca.key");
        cli.ok("create-ca", "--certs-dir=" + tmp.resolve("other"), "--ca-key=" + otherKey, FAST_KEYS);

        CertCli.Result node = cli.run("create-node", "localhost", "--certs-dir=" + certs, "--ca-key=" + otherKey);

        assertThat(node.exitCode()).isEqualTo(1);
        assertThat(node.err()).contains(": tls: private key does not match public key\n");
    }

    @Test
    void createCommandsRequireTheCaKey() {
        CertCli.Result ca = cli.run("create-ca", "--certs-dir=" + certs);

        assertThat(ca.exitCode()).isEqualTo(1);
        assertThat(ca.err()).startsWith("ERROR: failed to generate CA cert and key: the path to the CA key is required\n");
    }

    @Test
    void certificatesThatWouldOutliveTheCaAreRefused() {
        cli.ok("create-ca", "--certs-dir=" + certs, "--ca-key=" + caKey, FAST_KEYS, "--lifetime=48h");

        CertCli.Result node = cli.run("create-node", "localhost", "--certs-dir=" + certs, "--ca-key=" + caKey,
                FAST_KEYS);

        assertThat(node.exitCode()).isEqualTo(1);
        assertThat(node.err()).containsPattern("error creating node server certificate and key: CA lifetime is "
                + "4[78]\\.\\d{6}h, shorter than the requested 43920\\.000000h\\. Renew CA certificate, or rerun "
                + "with --lifetime=4[78]h for a shorter duration\\.\n");
    }

    @Test
    void unknownFlagPrintsTheUsageThenTheErrorAndExitsWithTheFlagErrorCode() {
        CertCli.Result result = cli.run("create-ca", "--certs-dir=" + certs, "--ca-keys=" + caKey);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("Usage:\n  cockroach cert create-ca --certs-dir=<path to cockroach certs "
                + "dir> --ca-key=<path-to-ca-key> [flags]\n\nFlags:\n");
        assertThat(result.err()).endsWith("\n\nERROR: unknown flag: --ca-keys\nFailed running \"cert create-ca\"\n");
        assertThat(certs).doesNotExist();
    }

    @Test
    void oldReleasesReportFlagErrorsTheCobraWayWithExitCode1() {
        CertCli.Result result = new CertCli().release("v2.1.11").run("create-ca", "--x");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).endsWith("\nError: unknown flag: --x\nFailed running \"cert create-ca\"\n");
    }

    @Test
    void aFlagOfAnotherSubCommandIsUnknownHere() {
        CertCli.Result result = cli.run("list", "--certs-dir=" + certs, "--ca-key=" + caKey);

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).contains("ERROR: unknown flag: --ca-key\n");
    }

    @Test
    void badFlagValuesAreReportedWithGoParserMessages() {
        assertThat(cli.run("create-ca", "--lifetime=5y").err())
                .contains("ERROR: invalid argument \"5y\" for \"--lifetime\" flag: time: unknown unit \"y\" in "
                        + "duration \"5y\"\n");
        assertThat(cli.run("create-ca", "--key-size=big").err())
                .contains("ERROR: invalid argument \"big\" for \"--key-size\" flag: strconv.ParseInt: parsing "
                        + "\"big\": invalid syntax\n");
        assertThat(cli.run("create-ca", "--overwrite=yes").err())
                .contains("ERROR: invalid argument \"yes\" for \"--overwrite\" flag: strconv.ParseBool: parsing "
                        + "\"yes\": invalid syntax\n");
        assertThat(cli.run("create-ca", "--certs-dir").err()).contains("ERROR: flag needs an argument: --certs-dir\n");
        assertThat(cli.run("create-ca", "-x").err()).contains("ERROR: unknown shorthand flag: 'x' in -x\n");
    }

    @Test
    void createNodeWithoutHostsIsRefusedWithoutUsage() {
        CertCli.Result result = cli.run("create-node", "--certs-dir=" + certs, "--ca-key=" + caKey);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("ERROR: create-node requires at least one host name or address, none was "
                + "specified\nFailed running \"cert create-node\"\n");
    }

    @Test
    void createClientTakesExactlyOneUser() {
        assertThat(cli.run("create-client", "--certs-dir=" + certs, "--ca-key=" + caKey).err())
                .startsWith("ERROR: accepts 1 arg(s), received 0\n");
        assertThat(cli.run("create-client", "a", "b", "--certs-dir=" + certs, "--ca-key=" + caKey).err())
                .startsWith("ERROR: accepts 1 arg(s), received 2\n");
    }

    @Test
    void createClientRefusesAnInvalidUserNameWithAHint() {
        CertCli.Result result = cli.run("create-client", ",foo", "--certs-dir=" + certs, "--ca-key=" + caKey);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("ERROR: failed to generate client certificate and key: username is invalid\n"
                + "HINT: " + SqlUsername.HELP + "\nFailed running \"cert create-client\"\n");
    }

    @Test
    void createCaTakesNoArguments() {
        CertCli.Result result = cli.run("create-ca", "extra", "--certs-dir=" + certs, "--ca-key=" + caKey);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("ERROR: unknown command \"extra\" for \"cockroach cert create-ca\"\n");
    }

    @Test
    void unknownSubCommandPrintsTheCertUsage() {
        CertCli.Result result = cli.run("create-everything");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Usage:\n  cockroach cert [command]\n").contains("  create-node   ")
                .endsWith("ERROR: unknown sub-command: \"create-everything\"\nFailed running \"cert\"\n");
    }

    @Test
    void helpPrintsTheUsageOnStandardOutput() {
        CertCli.Result result = cli.run("create-client", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage:\n  cockroach cert create-client").contains("--also-generate-pkcs8-key");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void certsDirectoryWhoseParentIsMissingIsNotCreated() {
        Path deep = tmp.resolve("no/such/parent/certs");

        CertCli.Result result = cli.run("create-ca", "--certs-dir=" + deep, "--ca-key=" + caKey, FAST_KEYS);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("ERROR: failed to generate CA cert and key: could not create certs "
                + "directory " + deep + ": mkdir " + deep + ": no such file or directory\n");
        assertThat(caKey).as("the directory is made before the key").doesNotExist();
    }
}
