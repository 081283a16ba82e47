package org.cockroachdb.mesos.http.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterDetectorsTest {

    @Test
    void zkUrlIsSplitIntoConnectStringPathAndCredentials() {
        ZooKeeperUrl url = ZooKeeperUrl.parse("zk://mesos:s3cret@zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181/mesos");

        assertThat(url.connectString()).isEqualTo("zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181");
        assertThat(url.path()).isEqualTo("/mesos");
        assertThat(url.credentials()).contains("mesos:s3cret");
        assertThat(url.toString()).isEqualTo("zk://mesos:***@zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181/mesos");
    }

    @Test
    void zkUrlKeepsANestedPathAndDropsATrailingSlash() {
        ZooKeeperUrl url = ZooKeeperUrl.parse("zk://10.0.0.1:2181/dcos/mesos/");

        assertThat(url).isEqualTo(new ZooKeeperUrl("10.0.0.1:2181", "/dcos/mesos", Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zk://", "zk://h1:2181", "zk://h1:2181/", "zk://h1:2181,/mesos", "zk://h1:port/mesos",
            "zk://user@h1:2181/mesos", "zk://h1:2181//mesos"})
    void badZkUrlIsRejectedInOneLineNamingTheForm(String value) {
        assertThatThrownBy(() -> ZooKeeperUrl.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + value + "' is not a valid ZooKeeper URL")
                .hasMessageEndingWith("expected zk://[user:password@]host:port[,host:port...]/path")
                .hasMessageNotContaining("\n");
    }

    @Test
    void zkUrlErrorsNeverShowThePassword() {
        assertThatThrownBy(() -> ZooKeeperUrl.parse("zk://mesos:s3cret@zk-1:2181"))
                .hasMessageContaining("zk://mesos:***@zk-1:2181")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void httpUrlsMakeAStaticListInOrder() {
        assertThat(MasterDetectors.staticMasters("http://m1:5050,http://m2:5050/, https://m3:5443"))
                .containsExactly(URI.create("http://m1:5050"), URI.create("http://m2:5050"), URI.create("https://m3:5443"));
    }

    @Test
    void bareHostPortsMeanHttp() {
        assertThat(MasterDetectors.staticMasters("10.0.0.1:5050,leader.mesos:5050"))
                .containsExactly(URI.create("http://10.0.0.1:5050"), URI.create("http://leader.mesos:5050"));
    }

    @Test
    void fromUrlPicksAStaticDetectorForAddresses() {
        try (MasterDetector detector = MasterDetectors.fromUrl("m1:5050,m2:5050")) {
            assertThat(detector).isInstanceOf(StaticMasterDetector.class);
            assertThat(((StaticMasterDetector) detector).masters())
                    .containsExactly(URI.create("http://m1:5050"), URI.create("http://m2:5050"));
            assertThat(detector.leader()).contains(URI.create("http://m1:5050"));
        }
    }

    @Test
    void fromUrlPicksZooKeeperForZkUrls() {
        // Connecting happens in the background; an unreachable ensemble just means no leader yet.
        try (MasterDetector detector = MasterDetectors.fromUrl("zk://127.0.0.1:1/mesos")) {
            assertThat(detector).isInstanceOf(ZooKeeperMasterDetector.class);
            assertThat(detector.leader()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"m1", "http://m1", "ftp://m1:5050", "m1:5050,", "m1:5050;m2:5050", "m1:99999", "leader.mesos:5050/redirect"})
    void badAddressIsRejectedInOneLineNamingTheValueAndTheAcceptedForms(String value) {
        assertThatThrownBy(() -> MasterDetectors.fromUrl(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + value + "' is not a Mesos master address")
                .hasMessageEndingWith("expected " + MasterDetectors.ACCEPTED_FORMS)
                .hasMessageNotContaining("\n");
    }

    @Test
    void emptyAddressIsRejected() {
        assertThatThrownBy(() -> MasterDetectors.fromUrl(" ")).hasMessageContaining("empty");
    }

    @Test
    void awaitChangeReturnsOnceTheLeaderDiffersFromTheKnownOne() throws Exception {
        URI m1 = URI.create("http://m1:5050");
        URI m2 = URI.create("http://m2:5050");
        StaticMasterDetector detector = new StaticMasterDetector(List.of(m1, m2));
        CompletableFuture<Optional<URI>> awaited = CompletableFuture.supplyAsync(() -> {
            try {
                return detector.awaitChange(Optional.of(m1), Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        detector.unreachable(m1);

        assertThat(awaited.get(10, TimeUnit.SECONDS)).contains(m2);
        assertThat(detector.awaitChange(Optional.of(m1), Duration.ofSeconds(30)))
                .as("already different: no wait").contains(m2);
        assertThat(detector.awaitChange(Optional.of(m2), Duration.ofMillis(20)))
                .as("unchanged: gives up after the timeout").contains(m2);
    }

    @Test
    void staticDetectorMovesToTheNextMasterWhenTheCurrentOneIsUnreachable() {
        StaticMasterDetector detector = new StaticMasterDetector(
                List.of(URI.create("http://m1:5050"), URI.create("http://m2:5050")));
        List<Optional<URI>> changes = new ArrayList<>();
        detector.watch(changes::add);

        detector.unreachable(URI.create("http://m2:5050/api/v1/scheduler")); // not the current one: ignored
        detector.unreachable(URI.create("http://m1:5050/api/v1/scheduler"));
        detector.unreachable(URI.create("http://m2:5050/api/v1/scheduler"));

        assertThat(changes).containsExactly(Optional.of(URI.create("http://m2:5050")), Optional.of(URI.create("http://m1:5050")));
        assertThat(detector.leader()).contains(URI.create("http://m1:5050"));
    }
}
