package org.cockroachdb.mesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.OWNER;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.PRINCIPAL;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.ROLE;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.agent;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.counter;
import static org.cockroachdb.mesos.scheduler.offer.OfferBuilder.roomy;

import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.Resource;
import org.cockroachdb.mesos.scheduler.config.DiskType;
import org.junit.jupiter.api.Test;

class FreshPlacementTest {

    private static final PodRequirement NODE = Requirements.node("cockroachdb-0");

    private static Evaluation.Match match(Evaluation evaluation) {
        assertThat(evaluation).isInstanceOf(Evaluation.Match.class);
        return (Evaluation.Match) evaluation;
    }

    private static List<String> reasons(Evaluation evaluation) {
        assertThat(evaluation).isInstanceOf(Evaluation.NoMatch.class);
        return ((Evaluation.NoMatch) evaluation).reasons();
    }

    private static Resource named(List<Resource> resources, String name) {
        List<Resource> found = resources.stream().filter(r -> r.getName().equals(name)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    @SuppressWarnings("deprecation") // the legacy Resource.role, on purpose
    void rootVolumeIsReservedThenCreatedWithLabelsExactSizesAndAllocationInfo() {
        Evaluation.Match match = match(OfferEvaluator.evaluate(NODE,
                OfferBuilder.offers(roomy("a1", "agent-1")), List.of(), OWNER, counter()));

        assertThat(match.offer().getAgentId().getValue()).isEqualTo("a1");
        assertThat(match.operations()).extracting(Operation::getType)
                .containsExactly(Operation.Type.RESERVE, Operation.Type.CREATE);

        List<Resource> reserved = match.operations().get(0).getReserve().getResourcesList();
        assertThat(reserved).extracting(Resource::getName)
                .containsExactly("cpus", "mem", "ports", "disk", "cpus", "mem");
        for (Resource r : reserved) {
            assertThat(r.getReservationsList()).singleElement().satisfies(reservation -> {
                assertThat(reservation.getType()).isEqualTo(Resource.ReservationInfo.Type.DYNAMIC);
                assertThat(reservation.getRole()).isEqualTo(ROLE);
                assertThat(reservation.getPrincipal()).isEqualTo(PRINCIPAL);
                assertThat(reservation.getLabels().getLabelsList()).singleElement()
                        .satisfies(l -> assertThat(l.getKey()).isEqualTo("resource_id"));
            });
            assertThat(r.hasRole()).as("legacy role left unset").isFalse();
            assertThat(r.getAllocationInfo().getRole()).isEqualTo(ROLE);
        }
        // Fresh, distinct ids in a fixed order: task cpus, mem, ports, disk, executor cpus, mem.
        assertThat(reserved).extracting(r -> r.getReservations(0).getLabels().getLabels(0).getValue())
                .containsExactly("id-1", "id-2", "id-3", "id-4", "id-5", "id-6");

        assertThat(match.taskResources()).extracting(Resource::getName)
                .containsExactly("cpus", "mem", "ports", "disk");
        assertThat(named(match.taskResources(), "cpus").getScalar().getValue()).isEqualTo(1.0);
        assertThat(named(match.taskResources(), "mem").getScalar().getValue()).isEqualTo(2048.0);
        assertThat(named(match.taskResources(), "ports").getRanges().getRangeList())
                .extracting(Protos.Value.Range::getBegin, Protos.Value.Range::getEnd)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(26257L, 26257L),
                        org.assertj.core.groups.Tuple.tuple(8080L, 8080L));
        assertThat(match.executorResources()).extracting(Resource::getName).containsExactly("cpus", "mem");
        assertThat(named(match.executorResources(), "cpus").getScalar().getValue()).isEqualTo(0.1);
        assertThat(named(match.executorResources(), "mem").getScalar().getValue()).isEqualTo(32.0);

        Resource volume = named(match.taskResources(), "disk");
        assertThat(match.operations().get(1).getCreate().getVolumesList()).containsExactly(volume);
        assertThat(volume.getScalar().getValue()).isEqualTo(10240.0);
        assertThat(volume.getDisk().hasSource()).as("ROOT disk has no source").isFalse();
        assertThat(volume.getDisk().getPersistence().getId()).isEqualTo("cockroachdb-0-id-7");
        assertThat(volume.getDisk().getPersistence().getPrincipal()).isEqualTo(PRINCIPAL);
        assertThat(volume.getDisk().getVolume().getContainerPath()).isEqualTo("cockroach-data");
        assertThat(volume.getDisk().getVolume().getMode()).isEqualTo(Protos.Volume.Mode.RW);
        assertThat(volume.getReservationsList()).isEqualTo(reserved.get(3).getReservationsList());
        // CREATE names the disk exactly as RESERVE left it, plus the volume.
        assertThat(volume.toBuilder().clearDisk().build()).isEqualTo(reserved.get(3));
    }

    @Test
    void firstFittingOfferWinsAndEarlierOnesSayWhyNot() {
        Evaluation.Match match = match(OfferEvaluator.evaluate(NODE, OfferBuilder.offers(
                agent("a1", "agent-1").cpus(0.5).mem(16384).disk(102400).ports(20000, 30000),
                roomy("a2", "agent-2"),
                roomy("a3", "agent-3")), List.of(), OWNER, counter()));
        assertThat(match.offer().getHostname()).isEqualTo("agent-2");
    }

    @Test
    void mountVolumeTakesTheSmallestFittingDiskWhole() {
        PodRequirement mount = Requirements.mount(NODE, 10240);
        Evaluation.Match match = match(OfferEvaluator.evaluate(mount, OfferBuilder.offers(
                agent("a1", "agent-1").cpus(4).mem(8192).ports(8000, 9000, 20000, 30000)
                        .disk(500000)
                        .mountDisk(50000, "/mnt/big")
                        .mountDisk(12000, "/mnt/small")
                        .mountDisk(9000, "/mnt/tiny")), List.of(), OWNER, counter()));

        Resource volume = named(match.taskResources(), "disk");
        assertThat(volume.getScalar().getValue()).isEqualTo(12000.0);
        assertThat(volume.getDisk().getSource().getType()).isEqualTo(Resource.DiskInfo.Source.Type.MOUNT);
        assertThat(volume.getDisk().getSource().getMount().getRoot()).isEqualTo("/mnt/small");
        Resource reservedDisk = named(match.operations().get(0).getReserve().getResourcesList(), "disk");
        assertThat(reservedDisk.getScalar().getValue()).isEqualTo(12000.0);
        assertThat(reservedDisk.getDisk().getSource().getMount().getRoot()).isEqualTo("/mnt/small");
        assertThat(match.operations().get(1).getCreate().getVolumesList()).containsExactly(volume);
    }

    @Test
    void mountVolumeRefusesTooSmallMountDisksAndNeverUsesPathDisksOrRootDisk() {
        PodRequirement mount = Requirements.mount(NODE, 10240);
        List<String> reasons = reasons(OfferEvaluator.evaluate(mount, OfferBuilder.offers(
                roomy("a1", "agent-1").mountDisk(9000, "/mnt/tiny").pathDisk(500000, "/mnt/path"),
                roomy("a2", "agent-2").pathDisk(500000, "/mnt/path")), List.of(), OWNER, counter()));
        assertThat(reasons).containsExactly(
                "agent-1: needs a MOUNT disk of at least 10240 MiB, largest unreserved is 9000 MiB",
                "agent-2: needs a MOUNT disk of at least 10240 MiB, offers none unreserved");
    }

    @Test
    void rootVolumeNeverUsesPathOrMountDisks() {
        List<String> reasons = reasons(OfferEvaluator.evaluate(NODE, OfferBuilder.offers(
                agent("a1", "agent-1").cpus(8).mem(16384).ports(8000, 9000, 20000, 30000)
                        .disk(100).pathDisk(500000, "/p").mountDisk(500000, "/m")), List.of(), OWNER, counter()));
        assertThat(reasons).containsExactly("agent-1: needs 10240 MiB ROOT disk, offers 100 MiB unreserved");
    }

    @Test
    void everyShortfallIsNamedWithWhatTheOfferHas() {
        List<String> reasons = reasons(OfferEvaluator.evaluate(Requirements.withCpus(NODE, 1.9),
                OfferBuilder.offers(
                        agent("a1", "agent-1").cpus(1.5).mem(1024).disk(5000).ports(26000, 26100),
                        roomy("a2", "agent-2").text("rack", "r1")),
                List.of(new PlacedPod("cockroachdb-1", "a2", "agent-2", java.util.Map.of())), OWNER, counter()));
        assertThat(reasons).containsExactly(
                "agent-1: needs 2.0 cpus, offers 1.5 unreserved; needs 2080 MiB mem, offers 1024 MiB unreserved;"
                        + " needs ports 26257, 8080, not offered unreserved;"
                        + " needs 10240 MiB ROOT disk, offers 5000 MiB unreserved",
                "agent-2: hostname:UNIQUE: cockroachdb-1 is already there");
    }

    @Test
    void aSinglePortMissingIsNamed() {
        List<String> reasons = reasons(OfferEvaluator.evaluate(NODE, OfferBuilder.offers(
                agent("a1", "agent-1").cpus(8).mem(16384).disk(102400).ports(8000, 9000, 26258, 27000)),
                List.of(), OWNER, counter()));
        assertThat(reasons).containsExactly("agent-1: needs port 26257, not offered unreserved");
    }

    @Test
    void executorOverheadCountsAgainstTheSameOffer() {
        // 1.0 task cpus fit, 1.1 with the executor do not.
        List<String> reasons = reasons(OfferEvaluator.evaluate(NODE, OfferBuilder.offers(
                agent("a1", "agent-1").cpus(1.05).mem(16384).disk(102400).ports(8000, 30000)),
                List.of(), OWNER, counter()));
        assertThat(reasons).containsExactly("agent-1: needs 1.1 cpus, offers 1.05 unreserved");
    }

    @Test
    void resourcesReservedToOthersStaticallyOrWithoutOurLabelAreNeverUsed() {
        Protos.Offer offer = agent("a1", "agent-1")
                .add(OfferBuilder.reserved(OfferBuilder.scalar("cpus", 8), "other-role", "other", "x-1"))
                .add(OfferBuilder.reserved(OfferBuilder.scalar("mem", 16384), ROLE, "someone-else", "x-2"))
                .add(OfferBuilder.reserved(OfferBuilder.scalar("disk", 102400), ROLE, PRINCIPAL, null))
                .add(OfferBuilder.statically(OfferBuilder.ranges(8000, 30000), ROLE))
                .add(OfferBuilder.ours(OfferBuilder.scalar("cpus", 8), "orphan-1"))
                .build();
        List<String> reasons = reasons(OfferEvaluator.evaluate(NODE, List.of(offer), List.of(), OWNER, counter()));
        assertThat(reasons).containsExactly("agent-1: needs 1.1 cpus, offers 0.0 unreserved;"
                + " needs 2080 MiB mem, offers 0 MiB unreserved; needs ports 26257, 8080, not offered unreserved;"
                + " needs 10240 MiB ROOT disk, offers 0 MiB unreserved");
    }

    @Test
    void resourcesOfferedToAnotherRoleAreNotReservedForOurs() {
        Protos.Offer offer = roomy("a1", "agent-1").build().toBuilder().clearResources()
                .addAllResources(roomy("a1", "agent-1").build().getResourcesList().stream()
                        .map(r -> r.toBuilder().setAllocationInfo(
                                Resource.AllocationInfo.newBuilder().setRole("other-role")).build())
                        .toList())
                .build();
        assertThat(OfferEvaluator.evaluate(NODE, List.of(offer), List.of(), OWNER, counter()))
                .isInstanceOf(Evaluation.NoMatch.class);
    }

    @Test
    @SuppressWarnings("deprecation") // the legacy Resource.role, on purpose
    void legacyUnreservedFormatWithoutAllocationInfoIsUsable() {
        Protos.Offer offer = roomy("a1", "agent-1").build().toBuilder().clearResources()
                .addAllResources(roomy("a1", "agent-1").build().getResourcesList().stream()
                        .map(r -> r.toBuilder().clearAllocationInfo().setRole("*").build())
                        .toList())
                .build();
        Evaluation.Match match = match(OfferEvaluator.evaluate(NODE, List.of(offer), List.of(), OWNER, counter()));
        assertThat(match.taskResources()).allSatisfy(r -> {
            assertThat(r.hasAllocationInfo()).isFalse();
            assertThat(r.hasRole()).isFalse();
        });
    }

    @Test
    void failedOffersDrawNoIdsAndTheSameInputsGiveTheSameResult() {
        List<Protos.Offer> offers = OfferBuilder.offers(
                agent("a1", "agent-1").cpus(0.5),
                roomy("a2", "agent-2").text("rack", "r1"),
                roomy("a3", "agent-3"));
        Evaluation first = OfferEvaluator.evaluate(NODE, offers, List.of(), OWNER, counter());
        Evaluation second = OfferEvaluator.evaluate(NODE, offers, List.of(), OWNER, counter());
        assertThat(first).isEqualTo(second);
        assertThat(match(first).offer().getHostname()).isEqualTo("agent-2");
        assertThat(match(first).taskResources().get(0).getReservations(0).getLabels().getLabels(0).getValue())
                .isEqualTo("id-1");
        Evaluation noMatch = OfferEvaluator.evaluate(NODE, offers.subList(0, 1), List.of(), OWNER, counter());
        assertThat(noMatch).isEqualTo(OfferEvaluator.evaluate(NODE, offers.subList(0, 1), List.of(), OWNER, counter()));
    }

    @Test
    void noOffersNoReasons() {
        assertThat(reasons(OfferEvaluator.evaluate(NODE, List.of(), List.of(), OWNER, counter()))).isEmpty();
    }

    @Test
    void badRequirementsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new PodRequirement("cockroachdb-0", 1, 2048, List.of(26257L), 0.1, 32, 1024,
                DiskType.ROOT, "/abs/path", List.of(), Optional.empty()))
                .hasMessageStartingWith("volumePath:");
        assertThatThrownBy(() -> new PodRequirement("cockroachdb-0", 0, 2048, List.of(26257L), 0.1, 32, 1024,
                DiskType.ROOT, "data", List.of(), Optional.empty()))
                .hasMessageStartingWith("taskCpus:");
        assertThatThrownBy(() -> new PodRequirement("cockroachdb-0", 1, 2048, List.of(70000L), 0.1, 32, 1024,
                DiskType.ROOT, "data", List.of(), Optional.empty()))
                .hasMessageStartingWith("taskPorts:");
        assertThatThrownBy(() -> new ReservationOwner("*", "p")).hasMessageStartingWith("role:");
    }
}
