package org.cockroachdb.mesos.testkit.cockroach.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-time refusal of a node key others can read (the v21.1-and-older rule). */
class KeyPermissionsTest {
    @TempDir
    Path certs;
    Path nodeKey;
    final Map<String, String> env = new HashMap<>();
    final KeyPermissions permissions = new KeyPermissions(env::get);

    @BeforeEach
    void nodeKey() throws Exception {
        nodeKey = Files.writeString(certs.resolve("node.key"), "-----BEGIN RSA PRIVATE KEY-----\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------", "rwx------"})
    void ownerOnlyKeysPass(String mode) throws Exception {
        CertFiles.chmod(nodeKey, mode);

        assertThat(permissions.problem(certs)).isEmpty();
    }

    @Test
    void aWorldReadableKeyIsRefusedInCockroachsWords() throws Exception {
        CertFiles.chmod(nodeKey, "rw-r--r--");

        assertThat(permissions.problem(certs)).contains("problem with node certificate: key file " + nodeKey
                + " has permissions -rw-r--r--, exceeds -rwx------");
    }

    @Test
    void aKeyOnlyItsGroupCanReadIsRefusedToo() throws Exception {
        CertFiles.chmod(nodeKey, "rw-r-----");

        assertThat(permissions.problem(certs)).contains("problem with node certificate: key file " + nodeKey
                + " has permissions -rw-r-----, exceeds -rwx------");
    }

    @Test
    void theSkipVariableTurnsTheCheckOff() throws Exception {
        CertFiles.chmod(nodeKey, "rw-r--r--");
        env.put(KeyPermissions.SKIP_CHECK_ENV, "true");

        assertThat(permissions.problem(certs)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "t", "TRUE", "True"})
    void theSkipVariableTakesGoTruthValues(String value) throws Exception {
        CertFiles.chmod(nodeKey, "rw-r--r--");
        env.put(KeyPermissions.SKIP_CHECK_ENV, value);

        assertThat(permissions.problem(certs)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0", "", "yes"})
    void otherValuesOfTheSkipVariableLeaveTheCheckOn(String value) throws Exception {
        CertFiles.chmod(nodeKey, "rw-r--r--");
        env.put(KeyPermissions.SKIP_CHECK_ENV, value);

        assertThat(permissions.problem(certs)).isPresent();
    }

    @Test
    void aMissingNodeKeyIsNotAPermissionProblem() throws Exception {
        Files.delete(nodeKey);

        assertThat(permissions.problem(certs)).isEmpty();
    }

    @Test
    void aSymlinkedKeyIsJudgedByItsTarget() throws Exception {
        Files.delete(nodeKey);
        Path target = Files.writeString(certs.resolve("real-node-key"), "key");
        CertFiles.chmod(target, "rw-rw-rw-");
        Files.createSymbolicLink(nodeKey, target);

        assertThat(permissions.problem(certs)).contains("problem with node certificate: key file " + nodeKey
                + " has permissions -rw-rw-rw-, exceeds -rwx------");
    }

    @Test
    void anyKeyFileCanBeJudgedOnItsOwn() throws Exception {
        Path rootKey = Files.writeString(certs.resolve("client.root.key"), "key");
        CertFiles.chmod(rootKey, "rw----r--");

        assertThat(permissions.keyFileProblem(rootKey))
                .contains("key file " + rootKey + " has permissions -rw----r--, exceeds -rwx------");
    }
}
