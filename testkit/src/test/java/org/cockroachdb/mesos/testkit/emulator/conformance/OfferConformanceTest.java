package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.QUIET;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.accepted;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.anyOffer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec;
import org.cockroachdb.mesos.testkit.emulator.cluster.Cluster;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;
import org.junit.jupiter.api.Test;

/** Checklist 5: offers per (agent, role), reservations per role, SUPPRESS/REVIVE, refuse filters, RESCIND, formats. */
@SuppressWarnings("deprecation") // asserts the legacy Resource.role format too
class OfferConformanceTest extends EmulatorFixture {
    private static final String OTHER_ROLE = "other-role";
    private static final String LEGACY_ROLE = "legacy-role";
    private static final String CHILD_ROLE = Frameworks.ROLE + "/child";

    @Test
    void threeAgentsGiveOneOfferEachWithTheAgentsIdHostnameAndUrl() throws Exception {
        start(3);
        TestScheduler s = subscribe("offers");
        Map<String, Offer> byAgent = firstOfferOfEachAgent(s, 3);

        List<Cluster.AgentAddress> agents = emulator.agents();
        assertThat(byAgent.keySet()).containsExactlyInAnyOrderElementsOf(agents.stream().map(Cluster.AgentAddress::id).toList());
        for (Cluster.AgentAddress agent : agents) {
            Offer o = byAgent.get(agent.id());
            assertThat(o.getFrameworkId()).isEqualTo(s.frameworkId);
            assertThat(o.getHostname()).isEqualTo(agent.hostname());
            assertThat(o.getUrl().getPath()).isEqualTo("/slave(1)");
            assertThat(o.getUrl().getAddress().getHostname()).isEqualTo(agent.hostname());
            assertThat(o.getUrl().getAddress().getPort()).isEqualTo(agent.endpoint().getPort());
            assertThat(o.getId().getValue()).startsWith(emulator.masterId() + "-O");
        }
        assertThat(byAgent.values().stream().map(o -> o.getId().getValue()).distinct()).hasSize(3);
    }

    @Test
    void aMultiRoleFrameworkGetsOneOfferPerAgentAndRole() throws Exception {
        start(1);
        TestScheduler s = subscribe(Reservations.modernWithRoles("two-roles", Frameworks.ROLE, OTHER_ROLE));
        Offer first = s.offers().get(0);
        String firstRole = first.getAllocationInfo().getRole();
        String secondRole = firstRole.equals(Frameworks.ROLE) ? OTHER_ROLE : Frameworks.ROLE;
        // refuse the agent for the first role: its resources go to the second role
        s.decline(first, 1000);
        Offer toSecond = s.offerMatching(o -> o.getAllocationInfo().getRole().equals(secondRole));
        accepted(s.accept(toSecond, Ops.reserve(
                Reservations.reservedTo(Ops.scalar("cpus", 1), secondRole, "cpus-2"),
                Reservations.reservedTo(Ops.scalar("mem", 64), secondRole, "mem-2"))));
        Offer withReservation = s.offerMatching(o -> !Reservations.withResourceId(o, "cpus", "cpus-2").isEmpty());
        SchedulerCalls.revive(s);
        s.decline(withReservation, 0);

        Event both = s.next(e -> e.getType() == Event.Type.OFFERS && e.getOffers().getOffersCount() == 2);
        Map<String, Offer> byRole = new LinkedHashMap<>();
        both.getOffers().getOffersList().forEach(o -> byRole.put(o.getAllocationInfo().getRole(), o));
        assertThat(byRole).containsOnlyKeys(Frameworks.ROLE, OTHER_ROLE);
        assertThat(byRole.get(firstRole).getAgentId()).isEqualTo(byRole.get(secondRole).getAgentId());
        assertThat(Reservations.reserved(byRole.get(firstRole))).isEmpty();
        assertThat(Ops.scalar(byRole.get(firstRole), "cpus")).isEqualTo(3.0);
        assertThat(byRole.get(secondRole).getResourcesList()).allSatisfy(r -> {
            assertThat(Reservations.isReserved(r)).isTrue();
            assertThat(r.getAllocationInfo().getRole()).isEqualTo(secondRole);
        });
        assertThat(Ops.scalar(byRole.get(secondRole), "cpus")).isEqualTo(1.0);
    }

    @Test
    void reservedResourcesAreOfferedOnlyToTheirRole() throws Exception {
        start(1);
        TestScheduler reserver = subscribe("reserver");
        Offer o = reserver.offers().get(0);
        accepted(reserver.accept(o, Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "cpus-r"),
                Ops.reserved(Ops.scalar("mem", 128), "mem-r"))));
        Offer withReservation = reserver.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-r").isEmpty());
        TestScheduler outsider = subscribe(Reservations.modernWithRoles("outsider", OTHER_ROLE));
        reserver.decline(withReservation, 1000);

        for (int i = 0; i < 3; i++) {
            Offer seen = outsider.offers().get(0);
            assertThat(Reservations.reserved(seen)).isEmpty();
            assertThat(Ops.scalar(seen, "cpus")).isEqualTo(3.0);
            assertThat(Ops.scalar(seen, "mem")).isEqualTo(8192 - 128.0);
            outsider.decline(seen, 0);
        }
        SchedulerCalls.revive(reserver);
        Offer again = reserver.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-r").isEmpty());
        assertThat(Reservations.withResourceId(again, "mem", "mem-r")).hasSize(1);
    }

    @Test
    void aReservationIsOfferedToAnyFrameworkInItsRole() throws Exception {
        start(1);
        TestScheduler reserver = subscribe("reserver");
        Offer o = reserver.offers().get(0);
        accepted(reserver.accept(o, Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "cpus-r"))));
        Offer withReservation = reserver.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-r").isEmpty());
        TestScheduler sibling = subscribe("sibling");
        reserver.decline(withReservation, 1000);

        Offer seen = sibling.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-r").isEmpty());
        assertThat(Reservations.withResourceId(seen, "cpus", "cpus-r").get(0).getScalar().getValue()).isEqualTo(1.0);
    }

    @Test
    void aSubRoleIsOfferedItsParentsReservationsAndCanRefineThem() throws Exception {
        start(1);
        TestScheduler child = refinedForChildRole();

        Offer refined = child.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-child").isEmpty());
        Resource cpus = Reservations.withResourceId(refined, "cpus", "cpus-child").get(0);
        assertThat(cpus.getReservationsList()).extracting(Resource.ReservationInfo::getRole)
                .containsExactly(Frameworks.ROLE, CHILD_ROLE);
        assertThat(cpus.getAllocationInfo().getRole()).isEqualTo(CHILD_ROLE);
    }

    @Test
    void aRefinedReservationIsNotOfferedToAFrameworkWithoutRefinement() throws Exception {
        start(1);
        TestScheduler child = refinedForChildRole();
        Offer refined = child.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-child").isEmpty());
        TestScheduler legacy = subscribe(Frameworks.legacy("legacy-child", CHILD_ROLE));
        child.decline(refined, 1000);

        // the parent's plain reservation (mem) reaches the legacy framework, the refined cpus never do
        Offer seen = legacy.offerMatching(x -> x.getResourcesList().stream()
                .anyMatch(r -> r.getName().equals("mem") && r.getRole().equals(Frameworks.ROLE)));
        assertThat(seen.getResourcesList()).noneMatch(r -> r.getRole().equals(CHILD_ROLE) || r.getReservationsCount() > 0);
        assertThat(Ops.scalar(seen, "cpus")).isEqualTo(3.0);
    }

    @Test
    void suppressStopsOffersAndReviveBringsThemBack() throws Exception {
        start(1);
        TestScheduler s = subscribe("suppressor");
        Offer o = s.offers().get(0);
        SchedulerCalls.suppress(s);
        int mark = s.received.size();
        s.decline(o, 0);
        assertNoOfferSince(s, mark);

        SchedulerCalls.revive(s);
        Offer back = s.offers().get(0);
        assertThat(back.getAgentId()).isEqualTo(o.getAgentId());
        assertThat(Ops.scalar(back, "cpus")).isEqualTo(4.0);
    }

    @Test
    void reviveClearsRefuseFilters() throws Exception {
        start(1);
        TestScheduler s = subscribe("reviver");
        Offer o = s.offers().get(0);
        int mark = s.received.size();
        s.decline(o, 1000);
        assertNoOfferSince(s, mark);

        SchedulerCalls.revive(s);
        assertThat(s.offers().get(0).getAgentId()).isEqualTo(o.getAgentId());
    }

    @Test
    void declineHidesThatAgentFromTheFrameworkUntilTheFilterExpires() throws Exception {
        start(2);
        TestScheduler s = subscribe("decliner");
        List<Offer> two = List.copyOf(firstOfferOfEachAgent(s, 2).values());
        String hidden = two.get(0).getAgentId().getValue();
        long declinedAt = System.nanoTime();
        s.decline(two.get(0), 2);
        s.decline(two.get(1), 0);

        int offersOfTheOtherAgent = 0;
        while (true) {
            Offer o = s.offers().get(0);
            if (o.getAgentId().getValue().equals(hidden)) {
                break;
            }
            offersOfTheOtherAgent++;
            s.decline(o, 0);
        }
        Duration hiddenFor = Duration.ofNanos(System.nanoTime() - declinedAt);
        assertThat(hiddenFor).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(6));
        assertThat(offersOfTheOtherAgent).as("the other agent kept being offered").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRefuseFilterDoesNotHideAnOfferWithMoreResourcesThanWereRefused() throws Exception {
        start(1);
        TestScheduler s = subscribe("superset");
        Offer o = s.offers().get(0);
        int mark = s.received.size();
        accepted(SchedulerCalls.acceptRefusing(s, o, 1000, Ops.launch(
                Ops.commandTask("sleeper", o, "sleep 30", Ops.scalar("cpus", 1), Ops.scalar("mem", 128)))));
        s.updateAcked("sleeper", TaskState.TASK_STARTING);
        s.updateAcked("sleeper", TaskState.TASK_RUNNING);
        assertNoOfferSince(s, mark);

        int killedAt = s.received.size();
        accepted(s.kill("sleeper", o.getAgentId().getValue()));
        Offer bigger = SchedulerCalls.offerSince(s, killedAt, x -> true);
        assertThat(Ops.scalar(bigger, "cpus")).isEqualTo(4.0);
        assertThat(Ops.scalar(bigger, "mem")).isEqualTo(8192.0);
    }

    @Test
    void aFreeVolumeAloneIsNotOfferedUntilSomeCpusOrMemAreFree() throws Exception {
        start(1, c -> c.withAgents(List.of(AgentSpec.standard(0).withCpus(1).withMem(256))));
        TestScheduler s = subscribe("min-allocatable");
        Offer o = s.offers().get(0);
        Resource disk = Ops.reserved(Ops.scalar("disk", 100), "disk-1");
        Resource volume = Ops.volume(disk, "vol-1", "data");
        int mark = s.received.size();
        accepted(s.accept(o, Ops.reserve(disk), Ops.create(volume), Ops.launch(
                Ops.commandTask("hog", o, "sleep 30", Ops.scalar("cpus", 1), Ops.scalar("mem", 256)))));
        s.updateAcked("hog", TaskState.TASK_STARTING);
        s.updateAcked("hog", TaskState.TASK_RUNNING);
        assertNoOfferSince(s, mark);

        accepted(s.kill("hog", o.getAgentId().getValue()));
        Offer back = s.offerMatching(x -> Ops.hasVolume(x, "vol-1"));
        assertThat(Ops.scalar(back, "cpus")).isEqualTo(1.0);
        assertThat(Ops.scalar(back, "mem")).isEqualTo(256.0);
    }

    @Test
    void anAgentMarkedGoneHasItsOutstandingOffersRescinded() throws Exception {
        start(2);
        TestScheduler s = subscribe("rescinded");
        Map<String, Offer> byAgent = firstOfferOfEachAgent(s, 2);
        Offer staying = byAgent.get(emulator.agents().get(0).id());
        Offer leaving = byAgent.get(emulator.agents().get(1).id());

        emulator.faults().markAgentGone(1);
        Event rescind = s.next(Event.Type.RESCIND);
        assertThat(rescind.getRescind().getOfferId()).isEqualTo(leaving.getId());

        // the other agent's offer still stands: it can be used
        accepted(s.accept(staying, Ops.launch(Ops.commandTask("still-here", staying, "sleep 30",
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64)))));
        s.update("still-here", TaskState.TASK_STARTING);
        assertThat(s.receivedOfType(Event.Type.RESCIND)).hasSize(1);
    }

    @Test
    void offersListTheFrameworksExecutorsOnThatAgent() throws Exception {
        start(1);
        TestScheduler s = subscribe("executor-ids");
        Offer o = s.offers().get(0);
        assertThat(o.getExecutorIdsList()).isEmpty();
        accepted(s.accept(o, Ops.launch(Ops.probeTask("resident", o, "probe-1", ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64)))));

        // the rest comes back at once; the master knows the executor from the launch on
        Offer next = s.offers().get(0);
        assertThat(next.getExecutorIdsList()).extracting(ExecutorID::getValue).containsExactly("probe-1");
        s.update("resident", TaskState.TASK_STARTING);
    }

    @Test
    void aMultiRoleFrameworkSeesAllocationInfoAndRefinedReservations() throws Exception {
        start(1);
        TestScheduler s = subscribe("multi-role");
        Offer o = s.offers().get(0);
        assertThat(o.getAllocationInfo().getRole()).isEqualTo(Frameworks.ROLE);
        assertThat(o.getResourcesList()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getAllocationInfo().getRole()).isEqualTo(Frameworks.ROLE);
            assertThat(r.getReservationsList()).isEmpty();
        });
        accepted(s.accept(o, Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "cpus-1"))));

        Offer next = s.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-1").isEmpty());
        Resource reserved = Reservations.withResourceId(next, "cpus", "cpus-1").get(0);
        assertThat(reserved.getReservationsList()).hasSize(1);
        Resource.ReservationInfo info = reserved.getReservations(0);
        assertThat(info.getType()).isEqualTo(Resource.ReservationInfo.Type.DYNAMIC);
        assertThat(info.getRole()).isEqualTo(Frameworks.ROLE);
        assertThat(info.getPrincipal()).isEqualTo(Frameworks.PRINCIPAL);
        assertThat(reserved.hasRole()).isFalse();
        assertThat(reserved.hasReservation()).isFalse();
        assertThat(reserved.getAllocationInfo().getRole()).isEqualTo(Frameworks.ROLE);
    }

    @Test
    void aLegacyFrameworkSeesNoAllocationInfoAndPreRefinementReservations() throws Exception {
        start(1);
        TestScheduler s = subscribe(Frameworks.legacy("legacy", LEGACY_ROLE));
        Offer o = s.offers().get(0);
        assertThat(o.hasAllocationInfo()).isFalse();
        assertThat(o.getResourcesList()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.hasAllocationInfo()).isFalse();
            assertThat(r.getReservationsList()).isEmpty();
            assertThat(r.getRole()).isEqualTo("*");
        });
        accepted(s.accept(o, Ops.reserve(Reservations.legacyReserved(Ops.scalar("cpus", 1), LEGACY_ROLE, "cpus-1"))));

        Offer next = s.offerMatching(x -> x.getResourcesList().stream()
                .anyMatch(r -> r.getName().equals("cpus") && r.getRole().equals(LEGACY_ROLE)));
        assertThat(next.hasAllocationInfo()).isFalse();
        Resource reserved = next.getResourcesList().stream()
                .filter(r -> r.getName().equals("cpus") && r.getRole().equals(LEGACY_ROLE)).findFirst().orElseThrow();
        assertThat(reserved.getScalar().getValue()).isEqualTo(1.0);
        assertThat(reserved.getReservationsList()).isEmpty();
        assertThat(reserved.hasAllocationInfo()).isFalse();
        assertThat(reserved.getReservation().getPrincipal()).isEqualTo(Frameworks.PRINCIPAL);
        assertThat(reserved.getReservation().hasRole()).isFalse();
        assertThat(reserved.getReservation().hasType()).isFalse();
        assertThat(Reservations.resourceId(reserved)).isEqualTo("cpus-1");
        assertThat(Reservations.unreservedScalar(next, "cpus")).isEqualTo(3.0);
    }

    @Test
    void agentAttributesAndFaultDomainAppearInOffers() throws Exception {
        start(1, c -> c.withAgents(List.of(AgentSpec.standard(0)
                .withAttributes(Map.of("rack", "r1", "generation", "3"))
                .withDomain("us-east", "us-east-1a"))));
        TestScheduler s = subscribe("attributes");
        Offer o = s.offers().get(0);

        Map<String, Attribute> attributes = new LinkedHashMap<>();
        o.getAttributesList().forEach(a -> attributes.put(a.getName(), a));
        assertThat(attributes).containsOnlyKeys("rack", "generation");
        assertThat(attributes.get("rack").getType()).isEqualTo(Value.Type.TEXT);
        assertThat(attributes.get("rack").getText().getValue()).isEqualTo("r1");
        assertThat(attributes.get("generation").getType()).isEqualTo(Value.Type.SCALAR);
        assertThat(attributes.get("generation").getScalar().getValue()).isEqualTo(3.0);
        assertThat(o.getDomain().getFaultDomain().getRegion().getName()).isEqualTo("us-east");
        assertThat(o.getDomain().getFaultDomain().getZone().getName()).isEqualTo("us-east-1a");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A framework in our role reserves 1 cpu and 128 mem, then refuses them; a framework in a
     * sub-role is offered them and refines the cpus to its own role. Returns that framework.
     */
    private TestScheduler refinedForChildRole() {
        TestScheduler parent = subscribe("parent");
        Offer o = parent.offers().get(0);
        accepted(parent.accept(o, Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "cpus-parent"),
                Ops.reserved(Ops.scalar("mem", 128), "mem-parent"))));
        Offer withReservation = parent.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-parent").isEmpty());
        TestScheduler child = subscribe(Reservations.modernWithRoles("child", CHILD_ROLE));
        parent.decline(withReservation, 1000);

        Offer seen = child.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "cpus-parent").isEmpty());
        Resource parentCpus = Reservations.withResourceId(seen, "cpus", "cpus-parent").get(0);
        assertThat(parentCpus.getAllocationInfo().getRole()).isEqualTo(CHILD_ROLE);
        Resource refined = parentCpus.toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
                .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(CHILD_ROLE).setPrincipal(Frameworks.PRINCIPAL)
                .setLabels(Reservations.label("cpus-child"))).build();
        accepted(child.accept(seen, Ops.reserve(refined)));
        return child;
    }


    /** Offers until each of {@code agents} agents has offered once; an agent offering twice meanwhile fails. */
    static Map<String, Offer> firstOfferOfEachAgent(TestScheduler s, int agents) {
        Map<String, Offer> byAgent = new LinkedHashMap<>();
        while (byAgent.size() < agents) {
            for (Offer o : s.offers()) {
                assertThat(byAgent.putIfAbsent(o.getAgentId().getValue(), o))
                        .as("a second offer from agent %s while the first is outstanding", o.getAgentId().getValue())
                        .isNull();
            }
        }
        return byAgent;
    }

    /** Nothing is offered for a while, counting every event since {@code mark} (also ones other waits skipped). */
    static void assertNoOfferSince(TestScheduler s, int mark) {
        assertThat(s.maybeNext(anyOffer(), QUIET)).isEmpty();
        assertThat(s.received.subList(mark, s.received.size())).noneMatch(e -> e.getType() == Event.Type.OFFERS);
    }
}
