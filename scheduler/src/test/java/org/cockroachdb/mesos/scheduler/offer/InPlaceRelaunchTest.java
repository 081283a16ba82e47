package org.cockroachdb.mesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.OWNER;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.counter;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.roomy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;

class InPlaceRelaunchTest {

    private static final PodRequirement NODE = Requirements.node("cockroachdb-0");

    /** The pod's first placement on agent a1, as the scheduler stored it. */
    private static final Evaluation.Match FIRST = (Evaluation.Match) OfferEvaluator.evaluate(NODE,
            List.of(roomy("a1", "agent-1").build()), List.of(), OWNER, counter());
    private static final PodFootprint FOOTPRINT =
            new PodFootprint("a1", FIRST.taskResources(), FIRST.executorResources());
    private static final PodRequirement RELAUNCH = Requirements.onFootprint(NODE, FOOTPRINT);

    /** What agent a1 offers after the task ended: our reservations and volume, plus unreserved room. */
    private static OfferBuilder a1Again() {
        return roomy("a1", "agent-1").addAll(FIRST.taskResources()).addAll(FIRST.executorResources());
    }

    private static Supplier<String> noIds() {
        return () -> {
            throw new AssertionError("a relaunch in place must not draw fresh ids");
        };
    }

    @Test
    void equalSizesRelaunchOnTheSameResourcesWithNoOperations() {
        Protos.Offer offer = a1Again().build();
        Evaluation evaluation = OfferEvaluator.evaluate(RELAUNCH, List.of(offer), List.of(), OWNER, noIds());

        assertThat(evaluation).isInstanceOf(Evaluation.Match.class);
        Evaluation.Match match = (Evaluation.Match) evaluation;
        assertThat(match.operations()).isEmpty();
        assertThat(match.taskResources()).isEqualTo(FIRST.taskResources());
        assertThat(match.executorResources()).isEqualTo(FIRST.executorResources());
        assertThat(OrphanCollector.resourceIds(match.taskResources()))
                .isEqualTo(OrphanCollector.resourceIds(FIRST.taskResources()));
    }

    @Test
    void onlyTheFootprintsAgentIsConsideredAndPlacementIsNotRechecked() {
        List<PlacedPod> crowd = List.of(new PlacedPod("cockroachdb-1", "a1", "agent-1", Map.of()));
        Evaluation evaluation = OfferEvaluator.evaluate(RELAUNCH,
                List.of(roomy("a2", "agent-2").build(), a1Again().build()), crowd, OWNER, noIds());
        assertThat(evaluation).isInstanceOf(Evaluation.Match.class);
        assertThat(((Evaluation.Match) evaluation).offer().getAgentId().getValue()).isEqualTo("a1");

        Evaluation elsewhere = OfferEvaluator.evaluate(RELAUNCH,
                List.of(roomy("a2", "agent-2").build()), List.of(), OWNER, noIds());
        assertThat(((Evaluation.NoMatch) elsewhere).reasons()).containsExactly(
                "agent-2: not agent a1, where cockroachdb-0's reservations and volume are");
    }

    @Test
    void aMissingReservationOrVolumeIsNoMatch() {
        List<Resource> withoutMem = new ArrayList<>(FIRST.taskResources());
        Resource mem = withoutMem.remove(1);
        Resource volume = withoutMem.remove(withoutMem.size() - 1);
        Protos.Offer offer = roomy("a1", "agent-1").addAll(withoutMem).addAll(FIRST.executorResources()).build();

        Evaluation evaluation = OfferEvaluator.evaluate(RELAUNCH, List.of(offer), List.of(), OWNER, noIds());

        assertThat(((Evaluation.NoMatch) evaluation).reasons()).containsExactly("agent-1: reserved mem resource_id="
                + Reservations.resourceId(mem).orElseThrow() + " is not in the offer; volume "
                + volume.getDisk().getPersistence().getId() + " is not in the offer");
    }

    @Test
    void aReservationOfAnotherPrincipalWithTheSameLabelIsNotOurs() {
        List<Resource> forged = FIRST.taskResources().stream()
                .map(r -> r.getName().equals("cpus")
                        ? r.toBuilder().setReservations(0, r.getReservations(0).toBuilder().setPrincipal("mallory")).build()
                        : r)
                .toList();
        Protos.Offer offer = roomy("a1", "agent-1").addAll(forged).addAll(FIRST.executorResources()).build();
        Evaluation evaluation = OfferEvaluator.evaluate(RELAUNCH, List.of(offer), List.of(), OWNER, noIds());
        assertThat(((Evaluation.NoMatch) evaluation).reasons()).singleElement()
                .satisfies(r -> assertThat(r).startsWith("agent-1: reserved cpus resource_id=id-1 is not in the offer"));
    }

    @Test
    void aPartlyOfferedReservationIsNoMatch() {
        List<Resource> smaller = FIRST.taskResources().stream()
                .map(r -> r.getName().equals("cpus")
                        ? r.toBuilder().setScalar(Protos.Value.Scalar.newBuilder().setValue(0.5)).build()
                        : r)
                .toList();
        Protos.Offer offer = roomy("a1", "agent-1").addAll(smaller).addAll(FIRST.executorResources()).build();
        Evaluation evaluation = OfferEvaluator.evaluate(RELAUNCH, List.of(offer), List.of(), OWNER, noIds());
        assertThat(((Evaluation.NoMatch) evaluation).reasons())
                .containsExactly("agent-1: reserved cpus resource_id=id-1 offers 0.5, not 1");
    }

    @Test
    void changedSizesAreRefusedUntilResizingIsSupported() {
        PodRequirement bigger = Requirements.onFootprint(Requirements.withCpus(NODE, 2.0), FOOTPRINT);
        Evaluation evaluation = OfferEvaluator.evaluate(bigger, List.of(a1Again().build()), List.of(), OWNER, noIds());
        assertThat(((Evaluation.NoMatch) evaluation).reasons()).containsExactly(
                "agent-1: resizing reservations in place is not supported yet (task cpus 1 reserved, 2 wanted)");
    }

    @Test
    void aMountFootprintMayBeLargerThanAsked() {
        PodRequirement mount = Requirements.mount(NODE, 10240);
        Evaluation.Match first = (Evaluation.Match) OfferEvaluator.evaluate(mount,
                List.of(roomy("a1", "agent-1").mountDisk(20000, "/mnt/d").build()), List.of(), OWNER, counter());
        PodRequirement relaunch = Requirements.onFootprint(mount,
                new PodFootprint("a1", first.taskResources(), first.executorResources()));
        Protos.Offer offer = roomy("a1", "agent-1").addAll(first.taskResources())
                .addAll(first.executorResources()).build();
        Evaluation evaluation = OfferEvaluator.evaluate(relaunch, List.of(offer), List.of(), OWNER, noIds());
        assertThat(evaluation).isInstanceOf(Evaluation.Match.class);
        assertThat(((Evaluation.Match) evaluation).taskResources()).isEqualTo(first.taskResources());
    }
}
