package org.cockroachdb.mesos.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.cockroachdb.mesos.cli.CliFailure;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void urlFlagWinsOverDcosUrl() {
        Target t = Target.resolve(Optional.of("http://127.0.0.1:8080/"), "cockroachdb",
                Map.of("DCOS_URL", "https://dcos.example.com"));
        assertThat(t.base()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(t.resolve("/v1/plans")).isEqualTo(URI.create("http://127.0.0.1:8080/v1/plans"));
    }

    @Test
    void dcosUrlGoesThroughAdminRouterByServiceName() {
        Target t = Target.resolve(Optional.empty(), "cockroachdb", Map.of("DCOS_URL", "https://dcos.example.com/"));
        assertThat(t.resolve("/v1/endpoints/pg"))
                .isEqualTo(URI.create("https://dcos.example.com/service/cockroachdb/v1/endpoints/pg"));
    }

    @Test
    void aServiceInAFolderKeepsItsPath() {
        Target t = Target.resolve(Optional.empty(), "/prod/crdb", Map.of("DCOS_URL", "https://dcos.example.com"));
        assertThat(t.base()).isEqualTo(URI.create("https://dcos.example.com/service/prod/crdb"));
    }

    @Test
    void withoutUrlOrDcosUrlItIsAUsageErrorSayingWhatToDo() {
        assertThatThrownBy(() -> Target.resolve(Optional.empty(), "cockroachdb", Map.of()))
                .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
                .hasMessageContaining("--url").hasMessageContaining("dcos cluster setup");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageErrorNamingTheFlag() {
        assertThatThrownBy(() -> Target.resolve(Optional.of("ftp://x"), "c", Map.of()))
                .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
                .hasMessage("--url must be an http:// or https:// URL such as http://127.0.0.1:8080, got 'ftp://x'");
        assertThatThrownBy(() -> Target.resolve(Optional.empty(), "c", Map.of("DCOS_URL", "dcos.example.com")))
                .hasMessageStartingWith("DCOS_URL must be an http:// or https:// URL");
    }

    @Test
    void aBadServiceNameIsAUsageError() {
        assertThatThrownBy(() -> Target.resolve(Optional.empty(), "Bad Name", Map.of("DCOS_URL", "https://d")))
                .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
                .hasMessageStartingWith("--name must be a DC/OS service name");
    }

    @Test
    void theAcsTokenIsTakenFromTheEnvironment() {
        assertThat(Target.resolve(Optional.of("https://cluster.example/service/c"), "c",
                Map.of("DCOS_ACS_TOKEN", "abc", "DCOS_URL", "https://cluster.example")).token()).contains("abc");
        assertThat(Target.resolve(Optional.of("http://h"), "c", Map.of("DCOS_ACS_TOKEN", "abc")).token())
                .as("never sent to a host that is not the cluster's").isEmpty();
        assertThat(Target.resolve(Optional.of("http://cluster.example"), "c",
                Map.of("DCOS_ACS_TOKEN", "abc", "DCOS_URL", "https://cluster.example")).token())
                .as("nor in clear text to the cluster's host").isEmpty();
        assertThat(Target.resolve(Optional.of("http://h"), "c", Map.of("DCOS_ACS_TOKEN", " ")).token()).isEmpty();
        assertThat(Target.resolve(Optional.of("http://h"), "c", Map.of()).token()).isEmpty();
    }

    @Test
    void tlsFollowsTheDcosCliVariables() {
        assertThat(Tls.fromEnvironment(Map.of())).isEqualTo(new Tls.Verify());
        assertThat(Tls.fromEnvironment(Map.of("DCOS_TLS_INSECURE", "true"))).isEqualTo(new Tls.Insecure());
        assertThat(Tls.fromEnvironment(Map.of("DCOS_TLS_INSECURE", "1"))).isEqualTo(new Tls.Insecure());
        assertThat(Tls.fromEnvironment(Map.of("DCOS_TLS_CA_PATH", "/etc/ca.pem"))).isEqualTo(new Tls.TrustCa(Path.of("/etc/ca.pem")));
        assertThat(Tls.fromEnvironment(Map.of("DCOS_SSL_VERIFY", "false"))).isEqualTo(new Tls.Insecure());
        assertThat(Tls.fromEnvironment(Map.of("DCOS_SSL_VERIFY", "true"))).isEqualTo(new Tls.Verify());
        assertThat(Tls.fromEnvironment(Map.of("DCOS_SSL_VERIFY", "/ca.pem"))).isEqualTo(new Tls.TrustCa(Path.of("/ca.pem")));
        // The CLI's own decision comes first.
        assertThat(Tls.fromEnvironment(Map.of("DCOS_TLS_INSECURE", "true", "DCOS_TLS_CA_PATH", "/ca.pem")))
                .isEqualTo(new Tls.Insecure());
        assertThat(Tls.fromEnvironment(Map.of("DCOS_TLS_CA_PATH", "/a.pem", "DCOS_SSL_VERIFY", "false")))
                .isEqualTo(new Tls.TrustCa(Path.of("/a.pem")));
    }

    @Test
    void aCaFileThatIsNotPemIsAUsageErrorNamingTheFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> TlsContexts.of(new Tls.TrustCa(bad)))
                .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
                .hasMessageContaining(bad.toString());
        assertThatThrownBy(() -> TlsContexts.of(new Tls.TrustCa(dir.resolve("missing.pem"))))
                .hasMessageStartingWith("cannot read the CA certificate file");
        assertThat(TlsContexts.of(new Tls.Verify())).isEmpty();
        assertThat(TlsContexts.of(new Tls.Insecure())).isPresent();
    }
}
