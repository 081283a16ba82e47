package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.offer.OfferBuilder;
import org.junit.jupiter.api.Test;

/** One round of offers, decided purely: who launches where, with which join list, and what is declined. */
class OfferRoundTest {

    private static ServiceConfig config(Map<String, String> env) {
        return ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(env)).config();
    }

    private static OfferRound.Output decide(ServiceConfig config, List<OfferRound.Want> wants,
            Map<Integer, TaskInfo> launched, boolean initialized, Protos.Offer... offers) {
        return OfferRound.decide(new OfferRound.Input(config, 7, "framework-1", initialized, wants, launched,
                List.of(offers)), OfferBuilder.counter());
    }

    private static OfferRound.Want fresh(int index) {
        return new OfferRound.Want(index, Optional.empty());
    }

    private static LaunchSpec spec(TaskInfo task) {
        return LaunchSpec.fromJson(task.getData().toByteArray());
    }

    @Test
    void threeFreshPodsLandOnThreeAgentsAndOnlyPodZeroInitializesTheCluster() {
        ServiceConfig c = config(Map.of("NODE_COUNT", "3"));

        OfferRound.Output out = decide(c, List.of(fresh(0), fresh(1), fresh(2)), Map.of(), false,
                OfferBuilder.roomy("a1", "h1").build(), OfferBuilder.roomy("a2", "h2").build(),
                OfferBuilder.roomy("a3", "h3").build(), OfferBuilder.roomy("a4", "h4").build());

        assertThat(out.launches()).hasSize(3);
        assertThat(out.launches()).extracting(l -> l.offer().getHostname()).doesNotHaveDuplicates();
        assertThat(out.launches()).extracting(l -> spec(l.taskInfo()).initCluster()).containsExactly(true, false, false);
        assertThat(out.launches()).extracting(l -> spec(l.taskInfo()).join()).allSatisfy(join -> assertThat(join)
                .hasSize(3).first().asString().startsWith("cockroachdb-0-node-init.cockroachdb.autoip"));
        assertThat(out.launches()).allSatisfy(l -> assertThat(NodeTaskInfos.revision(l.taskInfo())).isEqualTo(7));
        assertThat(out.unneeded()).extracting(Protos.OfferID::getValue).containsExactly("offer-a4");
        assertThat(out.refusals()).isEmpty();
    }

    @Test
    void aClusterAlreadyInitializedIsNeverInitializedAgain() {
        OfferRound.Output out = decide(config(Map.of()), List.of(fresh(0)), Map.of(), true,
                OfferBuilder.roomy("a1", "h1").build());

        assertThat(spec(out.launches().get(0).taskInfo()).initCluster()).isFalse();
    }

    @Test
    void offDcosAJoiningPodWaitsUntilPodZeroHasAPlaceAndThenJoinsItsAgent() {
        ServiceConfig c = config(Map.of("NODE_COUNT", "3", "NODE_ADDRESSING", "agent-ip"));

        OfferRound.Output withoutPodZero = decide(c, List.of(fresh(1)), Map.of(), false,
                OfferBuilder.roomy("a2", "h2").build());
        assertThat(withoutPodZero.launches()).isEmpty();
        assertThat(withoutPodZero.refusals().get(1)).singleElement().asString().contains("cockroachdb-0");
        assertThat(withoutPodZero.unfit()).extracting(Protos.OfferID::getValue).containsExactly("offer-a2");

        OfferRound.Output together = decide(c, List.of(fresh(0), fresh(1)), Map.of(), false,
                OfferBuilder.roomy("a1", "h1").build(), OfferBuilder.roomy("a2", "h2").build());
        assertThat(together.launches()).hasSize(2);
        assertThat(spec(together.launches().get(0).taskInfo()).join()).containsExactly("h1:26257", "h2:26257");
        LaunchSpec joiner = spec(together.launches().get(1).taskInfo());
        assertThat(joiner.join()).containsExactly("h1:26257", "h2:26257");
        assertThat(joiner.listenHost()).isEqualTo("h2");
        assertThat(joiner.advertiseHost()).isEqualTo("h2");
    }

    @Test
    void aPodThatDoesNotFitSaysWhyAndItsOffersAreDeclinedBriefly() {
        ServiceConfig c = config(Map.of("NODE_CPUS", "16"));

        OfferRound.Output out = decide(c, List.of(fresh(0)), Map.of(), false, OfferBuilder.roomy("a1", "h1").build());

        assertThat(out.launches()).isEmpty();
        assertThat(out.refusals().get(0)).singleElement().asString().contains("cpus");
        assertThat(out.unfit()).hasSize(1);
        assertThat(out.unneeded()).isEmpty();
    }
}
