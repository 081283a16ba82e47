package org.cockroachdb.mesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.OWNER;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.PRINCIPAL;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.ROLE;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.counter;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.ours;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.reserved;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.roomy;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;

class OrphanCollectorTest {

    private static final Evaluation.Match PLACED = (Evaluation.Match) OfferEvaluator.evaluate(
            Requirements.node("cockroachdb-0"), List.of(roomy("a1", "agent-1").build()), List.of(), OWNER, counter());

    private static List<Resource> placedResources() {
        List<Resource> all = new ArrayList<>(PLACED.taskResources());
        all.addAll(PLACED.executorResources());
        return all;
    }

    @Test
    void resourceIdsCoverEveryReservationLabelAndTheVolume() {
        assertThat(OrphanCollector.resourceIds(placedResources()))
                .containsExactly("id-1", "id-2", "id-3", "id-4", "cockroachdb-0-id-7", "id-5", "id-6");
    }

    @Test
    void liveResourcesAreLeftAlone() {
        Protos.Offer offer = roomy("a1", "agent-1").addAll(placedResources()).build();
        assertThat(OrphanCollector.operations(offer, OrphanCollector.resourceIds(placedResources()), OWNER)).isEmpty();
    }

    @Test
    void orphansAreDestroyedThenUnreservedAsOffered() {
        Protos.Offer offer = roomy("a1", "agent-1").addAll(placedResources()).build();

        List<Operation> operations = OrphanCollector.operations(offer, Set.of(), OWNER);

        assertThat(operations).extracting(Operation::getType)
                .containsExactly(Operation.Type.DESTROY, Operation.Type.UNRESERVE);
        Resource volume = PLACED.taskResources().get(3);
        assertThat(operations.get(0).getDestroy().getVolumesList()).containsExactly(volume);
        List<Resource> unreserved = operations.get(1).getUnreserve().getResourcesList();
        // The volume's reservation goes as the plain reserved disk that DESTROY leaves behind.
        assertThat(unreserved).containsExactly(
                PLACED.taskResources().get(0), PLACED.taskResources().get(1), PLACED.taskResources().get(2),
                PLACED.operations().get(0).getReserve().getResources(3),
                PLACED.executorResources().get(0), PLACED.executorResources().get(1));
        assertThat(unreserved).allSatisfy(r -> assertThat(r.getAllocationInfo().getRole()).isEqualTo(ROLE));
    }

    @Test
    void onlyTheDeadPartIsCollected() {
        Protos.Offer offer = roomy("a1", "agent-1").addAll(placedResources())
                .add(ours(scalar("cpus", 0.5), "dead-1"))
                .build();
        List<Operation> operations = OrphanCollector.operations(offer,
                OrphanCollector.resourceIds(placedResources()), OWNER);
        assertThat(operations).singleElement().satisfies(op -> {
            assertThat(op.getType()).isEqualTo(Operation.Type.UNRESERVE);
            assertThat(op.getUnreserve().getResourcesList()).containsExactly(ours(scalar("cpus", 0.5), "dead-1"));
        });
    }

    @Test
    void aVolumeWhosePersistenceIdIsLiveIsKept() {
        Resource volume = PLACED.taskResources().get(3);
        Protos.Offer offer = roomy("a1", "agent-1").add(volume).build();
        assertThat(OrphanCollector.operations(offer, Set.of("cockroachdb-0-id-7"), OWNER)).isEmpty();
    }

    @Test
    void aMountVolumeKeepsItsSourceWhenUnreserved() {
        Resource disk = ours(OfferBuilder.sourced(20000, Resource.DiskInfo.Source.newBuilder()
                .setType(Resource.DiskInfo.Source.Type.MOUNT)
                .setMount(Resource.DiskInfo.Source.Mount.newBuilder().setRoot("/mnt/d"))), "dead-disk");
        Resource volume = OfferBuilder.volume(disk, "cockroachdb-1-dead", PRINCIPAL);
        List<Operation> operations = OrphanCollector.operations(
                roomy("a1", "agent-1").add(volume).build(), Set.of(), OWNER);
        assertThat(operations.get(0).getDestroy().getVolumesList()).containsExactly(volume);
        assertThat(operations.get(1).getUnreserve().getResourcesList()).containsExactly(disk);
    }

    @Test
    @SuppressWarnings("deprecation") // the legacy Resource.role, on purpose
    void othersStaticUnlabelledAndForeignResourcesAreNeverTouched() {
        Resource otherRole = reserved(scalar("cpus", 1), "other-role", PRINCIPAL, "x-1");
        Resource otherPrincipal = reserved(scalar("mem", 1024), ROLE, "other-principal", "x-2");
        Resource unlabelled = reserved(scalar("cpus", 2), ROLE, PRINCIPAL, null);
        Resource statik = OfferBuilder.statically(scalar("disk", 5000), ROLE);
        Resource refinedOnStatic = reserved(OfferBuilder.statically(scalar("mem", 512), ROLE),
                ROLE + "/sub", PRINCIPAL, "x-3");
        Resource foreignVolume = OfferBuilder.volume(reserved(scalar("disk", 1000), "other-role", "other", "x-4"),
                "their-volume", "other");
        Resource legacyFormat = scalar("cpus", 1).toBuilder().setRole(ROLE)
                .setReservation(Resource.ReservationInfo.newBuilder().setPrincipal(PRINCIPAL)
                        .setLabels(Protos.Labels.newBuilder().addLabels(
                                Protos.Label.newBuilder().setKey("resource_id").setValue("x-5"))))
                .build();
        Resource volumeOfAnotherPrincipal = OfferBuilder.volume(ours(scalar("disk", 1000), "x-6"),
                "someone-elses", "other");
        Protos.Offer offer = roomy("a1", "agent-1").add(otherRole).add(otherPrincipal).add(unlabelled).add(statik)
                .add(refinedOnStatic).add(foreignVolume).add(legacyFormat).add(volumeOfAnotherPrincipal).build();

        assertThat(OrphanCollector.operations(offer, Set.of(), OWNER)).isEmpty();
        // ... and a new pod never builds on them either.
        Evaluation evaluation = OfferEvaluator.evaluate(Requirements.node("cockroachdb-0"),
                List.of(OfferBuilder.agent("a1", "agent-1").add(otherRole).add(otherPrincipal).add(unlabelled)
                        .add(statik).add(refinedOnStatic).add(foreignVolume).add(legacyFormat)
                        .add(volumeOfAnotherPrincipal).build()),
                List.of(), OWNER, counter());
        assertThat(evaluation).isInstanceOf(Evaluation.NoMatch.class);
    }

    @Test
    void theSameOfferGivesTheSameOperations() {
        Protos.Offer offer = roomy("a1", "agent-1").addAll(placedResources()).build();
        assertThat(OrphanCollector.operations(offer, Set.of("id-2"), OWNER))
                .isEqualTo(OrphanCollector.operations(offer, Set.of("id-2"), OWNER));
    }
}
