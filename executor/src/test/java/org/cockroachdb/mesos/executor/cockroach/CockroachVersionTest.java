package org.cockroachdb.mesos.executor.cockroach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CockroachVersionTest {
    // `cockroach version` output as the real binaries print it.
    static final String V2_1 = """
            Build Tag:    v2.1.4
            Build Time:   2019/01/14 20:52:06
            Distribution: CCL
            Platform:     linux amd64 (x86_64-unknown-linux-gnu)
            Go Version:   go1.10.7
            C Compiler:   gcc 6.3.0
            Build SHA-1:  ce3fbd9af69bc7c1fc6bc4e5fb7a2e7c1e9c7d2e
            Build Type:   release
            """;
    static final String V20_2 = """
            Build Tag:        v20.2.4
            Build Time:       2021/01/19 18:14:54
            Distribution:     CCL
            Platform:         linux amd64 (x86_64-unknown-linux-gnu)
            Go Version:       go1.13.14
            C Compiler:       gcc 6.3.0
            Build Commit ID:  3bc8d9ff7a9c6c6e5f7b8a9c6d4e2f1a0b9c8d7e
            Build Type:       release
            """;
    static final String V23_1 = """
            Build Tag:        v23.1.11
            Build Time:       2023/09/27 15:41:19
            Distribution:     CCL
            Platform:         linux amd64 (x86_64-pc-linux-gnu)
            Go Version:       go1.19.10
            C Compiler:       gcc 6.5.0
            Build Commit ID:  6d5fa8f4b5ee31f2bd3bf1b7e7d4e4b9e2c6ff0a
            Build Type:       release
            """;
    static final String V23_2_BETA = """
            Build Tag:        v23.2.0-beta.1
            Build Time:       2023/11/13 18:00:00
            Distribution:     CCL
            Platform:         linux amd64 (x86_64-pc-linux-gnu)
            Go Version:       go1.21.3 X:nocoverageredesign
            C Compiler:       gcc 6.5.0
            Build Commit ID:  0123456789abcdef0123456789abcdef01234567
            Build Type:       release
            Enabled Assertions: false
            """;

    @Test
    void readsTheBuildTagOfEachEra() {
        assertThat(CockroachVersion.parse(V2_1)).contains(new CockroachVersion(2, 1, 4, "v2.1.4"));
        assertThat(CockroachVersion.parse(V20_2)).contains(new CockroachVersion(20, 2, 4, "v20.2.4"));
        assertThat(CockroachVersion.parse(V23_1)).contains(new CockroachVersion(23, 1, 11, "v23.1.11"));
        assertThat(CockroachVersion.parse(V23_2_BETA)).contains(new CockroachVersion(23, 2, 0, "v23.2.0-beta.1"));
    }

    @Test
    void familiesFollowTheFlagTable() {
        assertThat(VersionFamily.of(CockroachVersion.parse(V2_1).orElseThrow())).contains(VersionFamily.V2_1);
        assertThat(VersionFamily.of(new CockroachVersion(19, 2, 0, "v19.2.0"))).contains(VersionFamily.V2_1);
        assertThat(VersionFamily.of(new CockroachVersion(20, 1, 0, "v20.1.0"))).contains(VersionFamily.V20_2);
        assertThat(VersionFamily.of(CockroachVersion.parse(V20_2).orElseThrow())).contains(VersionFamily.V20_2);
        assertThat(VersionFamily.of(new CockroachVersion(21, 1, 0, "v21.1.0"))).contains(VersionFamily.V23_1);
        assertThat(VersionFamily.of(CockroachVersion.parse(V23_1).orElseThrow())).contains(VersionFamily.V23_1);
        assertThat(VersionFamily.of(new CockroachVersion(2, 0, 7, "v2.0.7"))).isEmpty();
    }

    @Test
    void readinessIsVersionAware() {
        assertThat(VersionFamily.V2_1.readinessPath()).isEqualTo("/_admin/v1/health");
        assertThat(VersionFamily.V20_2.readinessPath()).isEqualTo("/health?ready=1");
        assertThat(VersionFamily.V23_1.readinessPath()).isEqualTo("/health?ready=1");
    }

    @Test
    void noBuildTagNoVersion() {
        assertThat(CockroachVersion.parse("bash: cockroach: command not found")).isEmpty();
        assertThat(CockroachVersion.parse("")).isEmpty();
    }

    @Test
    void comparesMajorMinorOnly() {
        CockroachVersion v = CockroachVersion.parse(V23_1).orElseThrow();
        assertThat(v.sameMajorMinor(23, 1)).isTrue();
        assertThat(v.sameMajorMinor(23, 2)).isFalse();
        assertThat(v.sameMajorMinor(22, 1)).isFalse();
    }
}
