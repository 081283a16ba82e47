package org.cockroachdb.mesos.scheduler.cockroach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class StatusVarsTest {

    /** The shape the cockroach stand-in serves (and cockroach itself, minus its hundreds of other metrics). */
    private static final String STAND_IN = """
            # HELP liveness_livenodes Number of live nodes in the cluster (will be 0 if this node is not itself live)
            # TYPE liveness_livenodes gauge
            liveness_livenodes 3
            # HELP ranges Number of ranges
            # TYPE ranges gauge
            ranges{store="1"} 60
            # HELP replicas Number of replicas
            # TYPE replicas gauge
            replicas{store="1"} 60
            # HELP ranges_underreplicated Number of ranges with fewer live replicas than the replication target
            # TYPE ranges_underreplicated gauge
            ranges_underreplicated{store="1"} 0
            # HELP ranges_unavailable Number of ranges with fewer live replicas than needed for quorum
            # TYPE ranges_unavailable gauge
            ranges_unavailable{store="1"} 0
            # HELP security_certificate_expiration_ca Expiration for the CA certificate. 0 means no certificate or error.
            # TYPE security_certificate_expiration_ca gauge
            security_certificate_expiration_ca 0
            """;

    @Test
    void readsTheGaugesAHealthyNodeServes() {
        StatusVars v = StatusVars.parse(STAND_IN);

        assertThat(v.liveNodes()).contains(3L);
        assertThat(v.underReplicated()).contains(0L);
        assertThat(v.unavailable()).contains(0L);
        assertThat(v.underReplicatedByStore()).isEqualTo(Map.of("1", 0L));
    }

    @Test
    void sumsEveryStoreWhateverTheLabelOrderAndFloatSpelling() {
        StatusVars v = StatusVars.parse("""
                # TYPE ranges_underreplicated gauge
                ranges_underreplicated{node_id="2",store="3"} 3.0
                ranges_underreplicated{store="2", node_id="2"} 1e+00 1712345678000
                ranges_underreplicated{store="10",} 0
                ranges_unavailable{store="3"} 0.0
                ranges_unavailable{store="2"} 2E0
                liveness_livenodes 3.000000e+00
                """);

        assertThat(v.liveNodes()).contains(3L);
        assertThat(v.underReplicated()).contains(4L);
        assertThat(v.unavailable()).contains(2L);
        assertThat(v.underReplicatedByStore()).containsExactly(Map.entry("2", 1L), Map.entry("3", 3L),
                Map.entry("10", 0L));
    }

    @Test
    void aMissingMetricIsEmptyNotZero() {
        StatusVars onlyLiveness = StatusVars.parse("# TYPE liveness_livenodes gauge\nliveness_livenodes 3\n");
        StatusVars nothing = StatusVars.parse("");

        assertThat(onlyLiveness.liveNodes()).contains(3L);
        assertThat(onlyLiveness.underReplicated()).isEmpty();
        assertThat(onlyLiveness.unavailable()).isEmpty();
        assertThat(nothing.liveNodes()).isEmpty();
        assertThat(nothing.underReplicated()).isEmpty();
        assertThat(StatusVars.parse(null).unavailable()).isEmpty();
    }

    @Test
    void metricsThatOnlyShareAPrefixAreNotOurs() {
        StatusVars v = StatusVars.parse("""
                ranges_underreplicated_total{store="1"} 7
                liveness_livenodes_seen 9
                ranges_unavailable:rate5m 4
                ranges{store="1"} 60
                # ranges_unavailable{store="1"} 5
                """);

        assertThat(v.liveNodes()).isEmpty();
        assertThat(v.underReplicated()).isEmpty();
        assertThat(v.unavailable()).isEmpty();
    }

    @Test
    void aSampleThatIsNotACountMakesItsMetricUnreadable() {
        assertThat(StatusVars.parse("liveness_livenodes NaN\n").liveNodes()).isEmpty();
        assertThat(StatusVars.parse("liveness_livenodes +Inf\n").liveNodes()).isEmpty();
        assertThat(StatusVars.parse("ranges_unavailable{store=\"1\"} -1\n").unavailable()).isEmpty();
        assertThat(StatusVars.parse("ranges_unavailable{store=\"1\"} 0.5\n").unavailable()).isEmpty();
        // one good store and one garbled one: the sum would lie, so the metric is unreadable
        StatusVars garbled = StatusVars.parse("""
                ranges_underreplicated{store="1"} 0
                ranges_underreplicated{store="2" 4
                ranges_unavailable{store="1"} 0
                ranges_unavailable{store="2"} zero
                liveness_livenodes 3 later
                """);
        assertThat(garbled.underReplicated()).isEmpty();
        assertThat(garbled.unavailable()).isEmpty();
        assertThat(garbled.liveNodes()).isEmpty();
    }

    @Test
    void labelValuesMayHoldQuotesCommasBracesAndNewlines() {
        StatusVars v = StatusVars.parse(
                "ranges_underreplicated{note=\"a \\\"b\\\", {c}\\n d\\\\\",store=\"1\"} 5\r\n"
                        + "\t ranges_unavailable {store=\"1\"}\t0\r\n"
                        + "liveness_livenodes{} 2\r\n");

        assertThat(v.underReplicatedByStore()).isEqualTo(Map.of("1", 5L));
        assertThat(v.unavailable()).contains(0L);
        assertThat(v.liveNodes()).contains(2L);
    }

    @Test
    void unlabelledRangeGaugesCountAsOneStore() {
        StatusVars v = StatusVars.parse("ranges_underreplicated 2\nranges_unavailable 0\n");

        assertThat(v.underReplicatedByStore()).isEqualTo(Map.of("", 2L));
        assertThat(v.underReplicated()).contains(2L);
    }

    @Test
    void severalLiveNodeSamplesReadAsTheSmallest() {
        assertThat(StatusVars.parse("liveness_livenodes 3\nliveness_livenodes 2\n").liveNodes()).isEqualTo(Optional.of(2L));
    }
}
