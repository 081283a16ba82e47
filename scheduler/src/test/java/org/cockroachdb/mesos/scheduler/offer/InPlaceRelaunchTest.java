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

    private static Evaluation.Match relaunchAs(double taskCpus, long taskMemMib, List<Long> ports,
                                              double executorCpus, long executorMemMib, Protos.Offer offer,
                                              PodFootprint footprint, Supplier<String> ids) {
        PodRequirement req = Requirements.onFootprint(
                Requirements.sized(NODE, taskCpus, taskMemMib, ports, executorCpus, executorMemMib, 10240), footprint);
        Evaluation evaluation = OfferEvaluator.evaluate(req, List.of(offer), List.of(), OWNER, ids);
        assertThat(evaluation).isInstanceOf(Evaluation.Match.class);
        return (Evaluation.Match) evaluation;
    }

    private static Resource scalarLike(Resource r, double value) {
        return r.toBuilder().setScalar(Protos.Value.Scalar.newBuilder().setValue(value)).build();
    }

    @Test
    void growingCpusReservesTheDeltaUnderTheSameResourceId() {
        Evaluation.Match match = relaunchAs(2.0, 2048, NODE.taskPorts(), 0.1, 32, a1Again().build(), FOOTPRINT, noIds());

        Resource cpus = FIRST.taskResources().get(0);
        assertThat(match.operations()).singleElement().satisfies(op -> {
            assertThat(op.getType()).isEqualTo(Protos.Offer.Operation.Type.RESERVE);
            assertThat(op.getReserve().getResourcesList()).containsExactly(scalarLike(cpus, 1.0));
        });
        assertThat(match.taskResources()).containsExactly(scalarLike(cpus, 2.0), FIRST.taskResources().get(1),
                FIRST.taskResources().get(2), FIRST.taskResources().get(3));
        assertThat(match.executorResources()).isEqualTo(FIRST.executorResources());
    }

    @Test
    void shrinkingMemUnreservesTheDelta() {
        Evaluation.Match match = relaunchAs(1.0, 1536, NODE.taskPorts(), 0.1, 32, a1Again().build(), FOOTPRINT, noIds());

        Resource mem = FIRST.taskResources().get(1);
        assertThat(match.operations()).singleElement().satisfies(op -> {
            assertThat(op.getType()).isEqualTo(Protos.Offer.Operation.Type.UNRESERVE);
            assertThat(op.getUnreserve().getResourcesList()).containsExactly(scalarLike(mem, 512));
        });
        assertThat(match.taskResources().get(1)).isEqualTo(scalarLike(mem, 1536));
    }

    @Test
    void shrinksGoBeforeGrows() {
        Evaluation.Match match = relaunchAs(2.0, 1024, NODE.taskPorts(), 0.1, 64, a1Again().build(), FOOTPRINT, noIds());
        assertThat(match.operations()).extracting(Protos.Offer.Operation::getType)
                .containsExactly(Protos.Offer.Operation.Type.UNRESERVE, Protos.Offer.Operation.Type.RESERVE);
        assertThat(match.operations().get(1).getReserve().getResourcesList()).extracting(Resource::getName)
                .containsExactly("cpus", "mem");
        assertThat(match.executorResources().get(1).getScalar().getValue()).isEqualTo(64.0);
    }

    @Test
    void growingNeedsUnreservedRoomOnTheAgent() {
        Protos.Offer full = OfferBuilder.agent("a1", "agent-1").cpus(0.5)
                .addAll(FIRST.taskResources()).addAll(FIRST.executorResources()).build();
        PodRequirement req = Requirements.onFootprint(
                Requirements.sized(NODE, 2.0, 4096, List.of(26257L, 8090L), 0.1, 32, 10240), FOOTPRINT);
        Evaluation evaluation = OfferEvaluator.evaluate(req, List.of(full), List.of(), OWNER, noIds());
        assertThat(((Evaluation.NoMatch) evaluation).reasons()).containsExactly(
                "agent-1: growing needs 1.0 more cpus, offers 0.5 unreserved;"
                        + " growing needs 2048 MiB more mem, offers 0 MiB unreserved;"
                        + " adding port 8090 needs them unreserved, not offered");
    }

    @Test
    void aChangedPortIsUnreservedAndTheNewOneReservedUnderTheSameResourceId() {
        Evaluation.Match match = relaunchAs(1.0, 2048, List.of(26257L, 8090L), 0.1, 32, a1Again().build(),
                FOOTPRINT, noIds());

        Resource ports = FIRST.taskResources().get(2);
        assertThat(match.operations()).extracting(Protos.Offer.Operation::getType)
                .containsExactly(Protos.Offer.Operation.Type.UNRESERVE, Protos.Offer.Operation.Type.RESERVE);
        assertThat(match.operations().get(0).getUnreserve().getResourcesList()).singleElement()
                .satisfies(r -> assertThat(r.getRanges().getRangeList()).extracting(Protos.Value.Range::getBegin)
                        .containsExactly(8080L));
        assertThat(match.operations().get(1).getReserve().getResourcesList()).singleElement().satisfies(r -> {
            assertThat(r.getReservationsList()).isEqualTo(ports.getReservationsList());
            assertThat(r.getRanges().getRangeList()).extracting(Protos.Value.Range::getBegin).containsExactly(8090L);
        });
        assertThat(match.taskResources().get(2).getRanges().getRangeList()).extracting(Protos.Value.Range::getBegin)
                .containsExactly(8090L, 26257L);
    }

    @Test
    void anExecutorReservationThatDidNotExistGetsAFreshResourceId() {
        PodRequirement bare = Requirements.sized(NODE, 1.0, 2048, NODE.taskPorts(), 0, 0, 10240);
        Evaluation.Match first = (Evaluation.Match) OfferEvaluator.evaluate(bare,
                List.of(roomy("a1", "agent-1").build()), List.of(), OWNER, counter());
        assertThat(first.executorResources()).isEmpty();
        PodFootprint footprint = new PodFootprint("a1", first.taskResources(), first.executorResources());
        Protos.Offer offer = roomy("a1", "agent-1").addAll(first.taskResources()).build();
        Supplier<String> ids = () -> "fresh";

        Evaluation.Match match = relaunchAs(1.0, 2048, NODE.taskPorts(), 0.1, 32, offer, footprint, ids);

        assertThat(match.executorResources()).extracting(r -> Reservations.resourceId(r).orElseThrow())
                .containsExactly("fresh", "fresh");
        assertThat(match.operations()).singleElement().satisfies(op ->
                assertThat(op.getReserve().getResourcesList()).isEqualTo(match.executorResources()));
    }

    @Test
    void theVolumeCannotChangeInPlace() {
        PodRequirement bigger = Requirements.onFootprint(
                Requirements.sized(NODE, 1.0, 2048, NODE.taskPorts(), 0.1, 32, 20480), FOOTPRINT);
        Evaluation evaluation = OfferEvaluator.evaluate(bigger, List.of(a1Again().build()), List.of(), OWNER, noIds());
        assertThat(((Evaluation.NoMatch) evaluation).reasons()).containsExactly(
                "agent-1: the persistent volume cannot change in place (volume 10240 MiB reserved, 20480 MiB wanted)");
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
