package org.cockroachdb.mesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.OWNER;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.counter;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.roomy;

import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.cockroachdb.mesos.scheduler.config.PlacementRule;
import org.junit.jupiter.api.Test;

class PlacementCheckTest {

    private static final PodRequirement NODE = Requirements.node("cockroachdb-2");

    private static Evaluation place(List<PlacementRule> rules, List<PlacedPod> others, OfferBuilder... offers) {
        return OfferEvaluator.evaluate(Requirements.withPlacement(NODE, rules), OfferBuilder.offers(offers),
                others, OWNER, counter());
    }

    private static String winner(Evaluation evaluation) {
        assertThat(evaluation).isInstanceOf(Evaluation.Match.class);
        return ((Evaluation.Match) evaluation).offer().getHostname();
    }

    private static List<String> reasons(Evaluation evaluation) {
        assertThat(evaluation).isInstanceOf(Evaluation.NoMatch.class);
        return ((Evaluation.NoMatch) evaluation).reasons();
    }

    private static PlacedPod pod(String name, String host, Map<String, String> attributes) {
        return new PlacedPod(name, "id-" + host, host, attributes);
    }

    @Test
    void hostnameUniqueRefusesAHostThatHasAPodAndTakesTheNext() {
        List<PlacedPod> others = List.of(pod("cockroachdb-1", "agent-2", Map.of()));
        Evaluation evaluation = place(Requirements.HOSTNAME_UNIQUE, others,
                roomy("a2", "agent-2"), roomy("a3", "agent-3"));
        assertThat(winner(evaluation)).isEqualTo("agent-3");
        assertThat(reasons(place(Requirements.HOSTNAME_UNIQUE, others, roomy("a2", "agent-2"))))
                .containsExactly("agent-2: hostname:UNIQUE: cockroachdb-1 is already there");
    }

    @Test
    void aReplacedPodDoesNotBlockItsOwnOldHost() {
        List<PlacedPod> others = List.of(pod("cockroachdb-2", "agent-2", Map.of()));
        assertThat(winner(place(Requirements.HOSTNAME_UNIQUE, others, roomy("a2", "agent-2")))).isEqualTo("agent-2");
    }

    @Test
    void uniqueOnAnAttribute() {
        List<PlacementRule> rules = List.of(new PlacementRule.Unique("rack"));
        List<PlacedPod> others = List.of(pod("cockroachdb-0", "agent-1", Map.of("rack", "r1")));
        assertThat(reasons(place(rules, others, roomy("a2", "agent-2").text("rack", "r1"), roomy("a3", "agent-3"))))
                .containsExactly("agent-2: rack:UNIQUE: cockroachdb-0 is already there",
                        "agent-3: rack:UNIQUE: agent has no attribute rack");
        assertThat(winner(place(rules, others, roomy("a2", "agent-2").text("rack", "r2")))).isEqualTo("agent-2");
    }

    @Test
    void likeFullyMatchesAndFailsWithoutTheAttribute() {
        List<PlacementRule> rules = List.of(new PlacementRule.Like("rack", "rack-[1-3]"));
        assertThat(reasons(place(rules, List.of(),
                roomy("a1", "agent-1").text("rack", "rack-4"),
                roomy("a2", "agent-2").text("rack", "rack-10"),
                roomy("a3", "agent-3"))))
                .containsExactly("agent-1: rack:LIKE:rack-[1-3]: 'rack-4' does not match",
                        "agent-2: rack:LIKE:rack-[1-3]: 'rack-10' does not match",
                        "agent-3: rack:LIKE:rack-[1-3]: agent has no attribute rack");
        assertThat(winner(place(rules, List.of(), roomy("a1", "agent-1").text("rack", "rack-2")))).isEqualTo("agent-1");
        assertThat(winner(place(List.of(new PlacementRule.Like("hostname", "agent-[2-9]")), List.of(),
                roomy("a1", "agent-1"), roomy("a2", "agent-2")))).isEqualTo("agent-2");
    }

    @Test
    void unlikeRefusesAMatchAndPassesWithoutTheAttribute() {
        List<PlacementRule> rules = List.of(new PlacementRule.Unlike("rack", "rack-[1-3]"));
        assertThat(reasons(place(rules, List.of(), roomy("a1", "agent-1").text("rack", "rack-1"))))
                .containsExactly("agent-1: rack:UNLIKE:rack-[1-3]: 'rack-1' matches");
        assertThat(winner(place(rules, List.of(), roomy("a1", "agent-1")))).isEqualTo("agent-1");
        assertThat(winner(place(rules, List.of(), roomy("a1", "agent-1").text("rack", "rack-12")))).isEqualTo("agent-1");
    }

    @Test
    void maxPerCountsPodsWithTheSameValue() {
        List<PlacementRule> rules = List.of(new PlacementRule.MaxPer("zone", 2));
        List<PlacedPod> others = List.of(
                pod("cockroachdb-0", "agent-1", Map.of("zone", "a")),
                pod("cockroachdb-1", "agent-2", Map.of("zone", "a")),
                pod("cockroachdb-3", "agent-4", Map.of("zone", "b")));
        assertThat(reasons(place(rules, others, roomy("a5", "agent-5").text("zone", "a"))))
                .containsExactly("agent-5: zone:MAX_PER:2: 'a' already has 2 (cockroachdb-0, cockroachdb-1)");
        assertThat(winner(place(rules, others, roomy("a5", "agent-5").text("zone", "a"),
                roomy("a6", "agent-6").text("zone", "b")))).isEqualTo("agent-6");
    }

    @Test
    void groupByPlacesOnAValueWithTheFewestPods() {
        List<PlacementRule> rules = List.of(new PlacementRule.GroupBy("zone", 0));
        List<PlacedPod> others = List.of(
                pod("cockroachdb-0", "agent-1", Map.of("zone", "a")),
                pod("cockroachdb-1", "agent-2", Map.of("zone", "b")),
                pod("cockroachdb-3", "agent-3", Map.of("zone", "a")));
        Evaluation evaluation = place(rules, others,
                roomy("a4", "agent-4").text("zone", "a"),
                roomy("a5", "agent-5").text("zone", "b"));
        assertThat(winner(evaluation)).isEqualTo("agent-5");
        assertThat(reasons(place(rules, others, roomy("a4", "agent-4").text("zone", "a"))))
                .containsExactly("agent-4: zone:GROUP_BY: 'a' has 2, fewer on b (1)");
    }

    @Test
    void groupByCountsAValueSeenOnlyInOffersAsEmpty() {
        List<PlacementRule> rules = List.of(new PlacementRule.GroupBy("zone", 0));
        List<PlacedPod> others = List.of(
                pod("cockroachdb-0", "agent-1", Map.of("zone", "a")),
                pod("cockroachdb-1", "agent-2", Map.of("zone", "b")));
        // Zone c has no pod yet, so a and b must wait even though a fits first.
        Evaluation evaluation = place(rules, others,
                roomy("a4", "agent-4").text("zone", "a"),
                roomy("a6", "agent-6").text("zone", "c"));
        assertThat(winner(evaluation)).isEqualTo("agent-6");
    }

    @Test
    void groupByWithDeclaredGroupsWaitsForAnUnseenGroup() {
        List<PlacedPod> others = List.of(
                pod("cockroachdb-0", "agent-1", Map.of("zone", "a")),
                pod("cockroachdb-1", "agent-2", Map.of("zone", "b")));
        assertThat(reasons(place(List.of(new PlacementRule.GroupBy("zone", 3)), others,
                roomy("a4", "agent-4").text("zone", "a"))))
                .containsExactly("agent-4: zone:GROUP_BY:3: 'a' has 1, fewer on an undiscovered group (0)");
        // With two declared groups, both seen and equal, either may take it.
        assertThat(winner(place(List.of(new PlacementRule.GroupBy("zone", 2)), others,
                roomy("a4", "agent-4").text("zone", "a")))).isEqualTo("agent-4");
    }

    @Test
    void clusterOnlyOnTheValue() {
        List<PlacementRule> rules = List.of(new PlacementRule.Cluster("rack", "r2"));
        assertThat(reasons(place(rules, List.of(), roomy("a1", "agent-1").text("rack", "r1"), roomy("a3", "agent-3"))))
                .containsExactly("agent-1: rack:CLUSTER:r2: 'r1' is not 'r2'",
                        "agent-3: rack:CLUSTER:r2: agent has no attribute rack");
        assertThat(winner(place(rules, List.of(), roomy("a2", "agent-2").text("rack", "r2")))).isEqualTo("agent-2");
    }

    @Test
    void everyRefusingRuleIsReported() {
        List<PlacementRule> rules = List.of(new PlacementRule.Unique("hostname"), new PlacementRule.Cluster("rack", "r2"));
        assertThat(reasons(place(rules, List.of(pod("cockroachdb-0", "agent-1", Map.of())),
                roomy("a1", "agent-1").text("rack", "r1"))))
                .containsExactly("agent-1: hostname:UNIQUE: cockroachdb-0 is already there;"
                        + " rack:CLUSTER:r2: 'r1' is not 'r2'");
    }

    @Test
    void scalarAttributesMatchAsMesosPrintsThem() {
        Protos.Attribute level = Protos.Attribute.newBuilder().setName("level").setType(Protos.Value.Type.SCALAR)
                .setScalar(Protos.Value.Scalar.newBuilder().setValue(3)).build();
        assertThat(winner(place(List.of(new PlacementRule.Cluster("level", "3")), List.of(),
                roomy("a1", "agent-1").attribute(level)))).isEqualTo("agent-1");
    }
}
