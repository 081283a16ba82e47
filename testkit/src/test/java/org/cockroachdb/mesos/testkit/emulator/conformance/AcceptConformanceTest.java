package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.accepted;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.operationStatus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeExecutor;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;
import org.junit.jupiter.api.Test;

/** Checklist 6: ACCEPT as a whole, pipelined operations that fail one by one, and every operation's rules. */
class AcceptConformanceTest extends EmulatorFixture {

    // ---------------------------------------------------------------- invalid offers

    @Test
    void anUnknownOfferIdDropsEveryTaskAndReleasesTheValidOffers() throws Exception {
        start(1);
        TestScheduler s = subscribe("unknown-offer");
        Offer o = s.offers().get(0);
        accepted(SchedulerCalls.accept(s, List.of(o.getId(), OfferID.newBuilder().setValue("no-such-offer").build()),
                Ops.withId(Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "cpus-1")), "reserve-1"),
                Ops.launch(smallCommand("doomed", o, "sleep 30"))));

        OperationStatus reserve = operationStatus(s, "reserve-1");
        assertThat(reserve.getState()).isEqualTo(OperationState.OPERATION_ERROR);
        assertThat(reserve.hasUuid()).isFalse();
        assertInvalidOffers(s.update("doomed"), TaskState.TASK_DROPPED);
        Offer again = s.offers().get(0);
        assertThat(again.getId()).isNotEqualTo(o.getId());
        assertThat(again.getAgentId()).isEqualTo(o.getAgentId());
        assertThat(Ops.scalar(again, "cpus")).as("nothing was launched").isEqualTo(4.0);
        assertThat(Reservations.reserved(again)).as("nothing was reserved").isEmpty();
    }

    @Test
    void aRescindedOfferGivesALegacyFrameworkTaskLost() throws Exception {
        start(1);
        TestScheduler s = subscribe(Frameworks.legacy("legacy", "legacy-role"));
        Offer o = s.offers().get(0);
        assertThat(emulator.faults().rescindOffer(o.getId().getValue())).isEqualTo(1);
        s.next(Event.Type.RESCIND);
        accepted(s.accept(o, Ops.launch(smallCommand("late", o, "sleep 30"))));

        assertInvalidOffers(s.update("late"), TaskState.TASK_LOST);
    }

    @Test
    void offersFromTwoAgentsInOneAcceptAreInvalidAndBothAreReleased() throws Exception {
        start(2);
        TestScheduler s = subscribe("two-agents");
        List<Offer> two = List.copyOf(OfferConformanceTest.firstOfferOfEachAgent(s, 2).values());
        accepted(SchedulerCalls.accept(s, List.of(two.get(0).getId(), two.get(1).getId()),
                Ops.launch(smallCommand("straddler", two.get(0), "sleep 30"))));

        assertInvalidOffers(s.update("straddler"), TaskState.TASK_DROPPED);
        Map<String, Offer> again = OfferConformanceTest.firstOfferOfEachAgent(s, 2);
        assertThat(again.values()).allSatisfy(x -> assertThat(Ops.scalar(x, "cpus")).isEqualTo(4.0));
    }

    @Test
    void theSameOfferTwiceInOneAcceptIsInvalid() throws Exception {
        start(1);
        TestScheduler s = subscribe("repeated-offer");
        Offer o = s.offers().get(0);
        accepted(SchedulerCalls.accept(s, List.of(o.getId(), o.getId()), Ops.launch(smallCommand("repeated", o, "sleep 30"))));

        assertInvalidOffers(s.update("repeated"), TaskState.TASK_DROPPED);
        assertThat(Ops.scalar(s.offers().get(0), "cpus")).isEqualTo(4.0);
    }

    // ---------------------------------------------------------------- pipelining

    @Test
    void reserveCreateAndLaunchInOneCallUseTheConvertedResources() throws Exception {
        start(1);
        TestScheduler s = subscribe("pipeline");
        Offer o = s.offers().get(0);
        Resource cpus = Ops.reserved(Ops.scalar("cpus", 1), "cpus-1");
        Resource mem = Ops.reserved(Ops.scalar("mem", 128), "mem-1");
        Resource volume = Ops.volume(Ops.reserved(Ops.scalar("disk", 100), "disk-1"), "vol-1", "data");
        accepted(s.accept(o, Ops.reserve(cpus, mem, Ops.reserved(Ops.scalar("disk", 100), "disk-1")),
                Ops.create(volume),
                Ops.launch(Ops.commandTask("volume-user", o, "test -d data && touch data/proof", cpus, mem, volume))));

        s.updateAcked("volume-user", TaskState.TASK_STARTING);
        s.updateAcked("volume-user", TaskState.TASK_RUNNING);
        TaskStatus done = s.update("volume-user");
        assertThat(done.getState()).as(done.getMessage()).isEqualTo(TaskState.TASK_FINISHED);
    }

    @Test
    void aFailedOperationDoesNotStopTheLaterOnes() throws Exception {
        start(1);
        TestScheduler s = subscribe("keeps-going");
        Offer o = s.offers().get(0);
        accepted(s.accept(o,
                Ops.withId(Ops.reserve(Reservations.reservedByPrincipal(Ops.scalar("cpus", 1), "someone-else")), "bad"),
                Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "good"))));

        OperationStatus bad = operationStatus(s, "bad");
        assertThat(bad.getState()).isEqualTo(OperationState.OPERATION_ERROR);
        assertThat(bad.hasUuid()).as("a master-generated operation error carries no uuid").isFalse();
        assertThat(bad.getMessage()).isNotEmpty();
        Offer next = s.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "good").isEmpty());
        assertThat(Reservations.reserved(next)).hasSize(1);
        assertThat(Reservations.unreservedScalar(next, "cpus")).isEqualTo(3.0);
    }

    // ---------------------------------------------------------------- operation feedback

    @Test
    void aReserveWithAnIdIsFinishedByTheAgentAndResentUntilAcknowledged() throws Exception {
        start(1);
        TestScheduler s = subscribe("feedback");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.withId(Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "cpus-1")), "reserve-1")));

        OperationStatus finished = operationStatus(s, "reserve-1");
        assertThat(finished.getState()).isEqualTo(OperationState.OPERATION_FINISHED);
        assertThat(finished.getUuid().getValue().size()).isEqualTo(16);
        assertThat(finished.getAgentId()).isEqualTo(o.getAgentId());
        assertThat(finished.getConvertedResourcesList()).anySatisfy(r ->
                assertThat(Reservations.resourceId(r)).isEqualTo("cpus-1"));

        s.resubscribe();
        OperationStatus resent = operationStatus(s, "reserve-1");
        assertThat(resent.getUuid()).isEqualTo(finished.getUuid());

        SchedulerCalls.acknowledgeOperation(s, resent);
        s.resubscribe();
        assertThat(s.maybeNext(SchedulerCalls.operationUpdate("reserve-1"), SchedulerCalls.QUIET)).isEmpty();
    }

    @Test
    void implicitOperationReconciliationAnswersEveryUnacknowledgedOperationWithoutUuid() throws Exception {
        start(1);
        TestScheduler s = subscribe("reconcile-operations");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.withId(Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "cpus-1")), "reserve-1")));
        OperationStatus finished = operationStatus(s, "reserve-1");

        accepted(reconcileOperationsImplicitly(s));
        OperationStatus answer = operationStatus(s, "reserve-1");
        assertThat(answer.getState()).isEqualTo(OperationState.OPERATION_FINISHED);
        assertThat(answer.hasUuid()).isFalse();

        SchedulerCalls.acknowledgeOperation(s, finished);
        accepted(reconcileOperationsImplicitly(s));
        assertThat(s.maybeNext(SchedulerCalls.operationUpdate("reserve-1"), SchedulerCalls.QUIET)).isEmpty();
    }

    @Test
    void acknowledgingAnOperationStatusWithoutTheAgentIdIsABadRequest() throws Exception {
        start(1);
        TestScheduler s = subscribe("ack-without-agent");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.withId(Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "cpus-1")), "reserve-1")));
        OperationStatus finished = operationStatus(s, "reserve-1");

        CallResult result = s.call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE_OPERATION_STATUS)
                .setAcknowledgeOperationStatus(Call.AcknowledgeOperationStatus.newBuilder()
                        .setOperationId(finished.getOperationId()).setUuid(finished.getUuid().getValue())));
        assertThat(result.status()).isEqualTo(400);
        s.resubscribe();
        assertThat(operationStatus(s, "reserve-1").getUuid()).as("still unacknowledged").isEqualTo(finished.getUuid());
    }

    // ---------------------------------------------------------------- LAUNCH against offered resources

    @Test
    void launchingMoreCpusThanOfferedIsATaskErrorFromTheMaster() throws Exception {
        start(1);
        TestScheduler s = subscribe("greedy");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(Ops.commandTask("greedy", o, "sleep 30",
                Ops.scalar("cpus", 5), Ops.scalar("mem", 64)))));

        assertTaskError(s.update("greedy"), TaskStatus.Reason.REASON_TASK_INVALID);
    }

    @Test
    void aTaskWithANegativeScalarIsATaskErrorAndAddsNoCapacity() throws Exception {
        start(1);
        TestScheduler s = subscribe("negative");
        Offer o = s.offers().get(0);
        int mark = s.received.size();
        accepted(s.accept(o, Ops.launch(Ops.commandTask("negative", o, "sleep 30",
                Ops.scalar("cpus", -2), Ops.scalar("mem", 64)))));

        TaskStatus error = s.update("negative");
        assertTaskError(error, TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(error.getMessage()).contains("'cpus'").contains("scalar.value");
        assertThat(Ops.scalar(SchedulerCalls.offerSince(s, mark, x -> true), "cpus")).isEqualTo(4.0);
    }

    @Test
    void reservingAnInvertedPortRangeIsAnOperationErrorNamingTheResource() throws Exception {
        start(1);
        TestScheduler s = subscribe("inverted");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.withId(Ops.reserve(Ops.reserved(Ops.ports(31100, 31000))), "inverted")));

        OperationStatus error = operationStatus(s, "inverted");
        assertThat(error.getState()).isEqualTo(OperationState.OPERATION_ERROR);
        assertThat(error.getMessage()).contains("'ports'").contains("begin > end");
        assertThat(Reservations.reserved(s.offers().get(0))).isEmpty();
    }

    @Test
    void launchingAReservationLabelThatDoesNotExistIsATaskError() throws Exception {
        start(1);
        TestScheduler s = subscribe("wrong-label");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "label-a"),
                Ops.reserved(Ops.scalar("mem", 128), "label-a"))));
        Offer next = s.offerMatching(x -> !Reservations.withResourceId(x, "cpus", "label-a").isEmpty());
        accepted(s.accept(next, Ops.launch(Ops.commandTask("mislabelled", next, "sleep 30",
                Ops.reserved(Ops.scalar("cpus", 1), "label-b"), Ops.reserved(Ops.scalar("mem", 128), "label-a")))));

        assertTaskError(s.update("mislabelled"), TaskStatus.Reason.REASON_TASK_INVALID);
    }

    @Test
    void reservationsWithDifferentLabelsStaySeparateAndWithTheSameLabelsMerge() throws Exception {
        start(1);
        TestScheduler s = subscribe("labels");
        Offer o = s.offers().get(0);
        accepted(s.accept(o,
                Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "a"), Ops.reserved(Ops.scalar("mem", 100), "same")),
                Ops.reserve(Ops.reserved(Ops.scalar("cpus", 1), "b"), Ops.reserved(Ops.scalar("mem", 100), "same"))));

        Offer next = s.offerMatching(x -> !Reservations.reserved(x).isEmpty());
        List<Resource> cpus = Ops.named(next, "cpus").stream().filter(Reservations::isReserved).toList();
        assertThat(cpus).hasSize(2);
        assertThat(cpus).extracting(Reservations::resourceId).containsExactlyInAnyOrder("a", "b");
        assertThat(cpus).allSatisfy(r -> assertThat(r.getScalar().getValue()).isEqualTo(1.0));
        List<Resource> mem = Ops.named(next, "mem").stream().filter(Reservations::isReserved).toList();
        assertThat(mem).hasSize(1);
        assertThat(mem.get(0).getScalar().getValue()).isEqualTo(200.0);
    }

    // ---------------------------------------------------------------- volumes

    @Test
    void unreservingAPersistentVolumeFails() throws Exception {
        start(1);
        TestScheduler s = subscribe("unreserve-volume");
        Offer o = s.offers().get(0);
        Resource disk = Ops.reserved(Ops.scalar("disk", 100), "disk-1");
        accepted(s.accept(o, Ops.reserve(disk), Ops.create(Ops.volume(disk, "vol-1", "data"))));
        Offer withVolume = s.offerMatching(x -> Ops.hasVolume(x, "vol-1"));

        accepted(s.accept(withVolume, Ops.withId(Ops.unreserve(Ops.volumeIn(withVolume, "vol-1")), "unreserve-1")));
        assertThat(operationStatus(s, "unreserve-1").getState()).isEqualTo(OperationState.OPERATION_ERROR);
        Offer still = s.offerMatching(x -> Ops.hasVolume(x, "vol-1"));
        assertThat(Ops.isReservedForUs(Ops.volumeIn(still, "vol-1"))).isTrue();
    }

    @Test
    void destroyThenUnreserveReturnsTheDiskUnreserved() throws Exception {
        start(1);
        TestScheduler s = subscribe("destroy-unreserve");
        Offer o = s.offers().get(0);
        Resource disk = Ops.reserved(Ops.scalar("disk", 100), "disk-1");
        accepted(s.accept(o, Ops.reserve(disk), Ops.create(Ops.volume(disk, "vol-1", "data"))));
        Offer withVolume = s.offerMatching(x -> Ops.hasVolume(x, "vol-1"));
        Resource offeredVolume = Ops.volumeIn(withVolume, "vol-1");
        Resource offeredDisk = offeredVolume.toBuilder().clearDisk().build();

        accepted(s.accept(withVolume, Ops.withId(Ops.destroy(offeredVolume), "destroy-1"),
                Ops.withId(Ops.unreserve(offeredDisk), "unreserve-1")));
        assertThat(operationStatus(s, "destroy-1").getState()).isEqualTo(OperationState.OPERATION_FINISHED);
        assertThat(operationStatus(s, "unreserve-1").getState()).isEqualTo(OperationState.OPERATION_FINISHED);
        Offer plain = s.offerMatching(x -> !Ops.hasVolume(x, "vol-1"));
        assertThat(Reservations.reserved(plain)).isEmpty();
        assertThat(Reservations.unreservedScalar(plain, "disk")).isEqualTo(20480.0);
    }

    @Test
    void destroyingAVolumeDeletesItsDataSoAVolumeCreatedAgainWithItsIdStartsEmpty() throws Exception {
        start(1);
        TestScheduler s = subscribe("destroy-data");
        Offer o = s.offers().get(0);
        Resource disk = Ops.reserved(Ops.scalar("disk", 100), "disk-1");
        accepted(s.accept(o, Ops.reserve(disk), Ops.create(Ops.volume(disk, "vol-1", "data"))));
        Offer withVolume = s.offerMatching(x -> Ops.hasVolume(x, "vol-1"));
        Path data = emulator.state().volumes().get(0).directory();
        Files.writeString(data.resolve("old.txt"), "old");
        Resource offeredVolume = Ops.volumeIn(withVolume, "vol-1");

        accepted(s.accept(withVolume, Ops.withId(Ops.destroy(offeredVolume), "destroy-1"),
                Ops.withId(Ops.create(offeredVolume), "create-again")));

        assertThat(operationStatus(s, "destroy-1").getState()).isEqualTo(OperationState.OPERATION_FINISHED);
        assertThat(operationStatus(s, "create-again").getState()).isEqualTo(OperationState.OPERATION_FINISHED);
        assertThat(data).isEmptyDirectory();
        Path agentDir = emulator.agents().get(0).workDir();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try (Stream<Path> files = Files.walk(agentDir.resolve("volumes"))) {
                return files.noneMatch(p -> p.getFileName().toString().equals("old.txt"));
            }
        });
    }

    @Test
    void aVolumeOnAMountDiskMustTakeTheWholeDisk() throws Exception {
        start(1, c -> c.withAgents(List.of(AgentSpec.standard(0)
                .withMountDisks(List.of(new AgentSpec.MountDisk("/mnt/ssd0", 1000))))));
        TestScheduler s = subscribe("mount");
        Offer o = s.offers().get(0);
        Resource mount = Ops.named(o, "disk").stream().filter(r -> r.getDisk().hasSource()).findFirst().orElseThrow();
        Resource reservedMount = Ops.reserved(mount, "mount-1");
        Resource half = reservedMount.toBuilder().setScalar(reservedMount.getScalar().toBuilder().setValue(500)).build();
        accepted(s.accept(o, Ops.reserve(reservedMount),
                Ops.withId(Ops.create(Ops.volume(half, "partial", "data")), "create-partial"),
                Ops.withId(Ops.create(Ops.volume(reservedMount, "whole", "data")), "create-whole")));

        assertThat(operationStatus(s, "create-partial").getState()).isEqualTo(OperationState.OPERATION_ERROR);
        assertThat(operationStatus(s, "create-whole").getState()).isEqualTo(OperationState.OPERATION_FINISHED);
        Offer next = s.offerMatching(x -> Ops.hasVolume(x, "whole"));
        Resource volume = Ops.volumeIn(next, "whole");
        assertThat(volume.getScalar().getValue()).isEqualTo(1000.0);
        assertThat(volume.getDisk().getSource().getType()).isEqualTo(Resource.DiskInfo.Source.Type.MOUNT);
        assertThat(Ops.hasVolume(next, "partial")).isFalse();
    }

    @Test
    void creatingAVolumeWithAPersistenceIdInUseFails() throws Exception {
        start(1);
        TestScheduler s = subscribe("duplicate-volume");
        Offer o = s.offers().get(0);
        Resource disk = Ops.reserved(Ops.scalar("disk", 100), "disk-1");
        accepted(s.accept(o, Ops.reserve(Ops.reserved(Ops.scalar("disk", 200), "disk-1")),
                Ops.withId(Ops.create(Ops.volume(disk, "vol-1", "data")), "first"),
                Ops.withId(Ops.create(Ops.volume(disk, "vol-1", "other")), "second")));

        assertThat(operationStatus(s, "first").getState()).isEqualTo(OperationState.OPERATION_FINISHED);
        assertThat(operationStatus(s, "second").getState()).isEqualTo(OperationState.OPERATION_ERROR);
        Offer next = s.offerMatching(x -> Ops.hasVolume(x, "vol-1"));
        assertThat(Ops.volumeIn(next, "vol-1").getDisk().getVolume().getContainerPath()).isEqualTo("data");
        assertThat(Reservations.withResourceId(next, "disk", "disk-1")).extracting(r -> r.getScalar().getValue())
                .containsExactlyInAnyOrder(100.0, 100.0);
    }

    // ---------------------------------------------------------------- task validation

    @Test
    void reusingAnExecutorIdWithADifferentExecutorInfoIsATaskError() throws Exception {
        start(1);
        TestScheduler s = subscribe("executor-reuse");
        Offer o = s.offers().get(0);
        ExecutorInfo first = ProbeExecutor.executorInfo("exec-1", Map.of());
        ExecutorInfo changed = ProbeExecutor.executorInfo("exec-1", Map.of("PROBE_FLAVOUR", "different"));
        accepted(s.accept(o, Ops.launch(
                Ops.probeTask("original", o.getAgentId(), first, ProbeScript.stay(), Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64)),
                Ops.probeTask("impostor", o.getAgentId(), changed, ProbeScript.stay(), Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64)))));

        TaskStatus error = s.update("impostor");
        assertTaskError(error, TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(error.getMessage()).contains("ExecutorInfo is not compatible");
        assertThat(s.update("original", TaskState.TASK_STARTING).getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
    }

    @Test
    void aTaskWithBothCommandAndExecutorIsATaskError() throws Exception {
        start(1);
        TestScheduler s = subscribe("both");
        Offer o = s.offers().get(0);
        TaskInfo both = smallCommand("both", o, "sleep 30").toBuilder()
                .setExecutor(ProbeExecutor.executorInfo("exec-1", Map.of())).build();
        accepted(s.accept(o, Ops.launch(both)));

        assertTaskError(s.update("both"), TaskStatus.Reason.REASON_TASK_INVALID);
    }

    @Test
    void aDuplicateTaskIdIsATaskError() throws Exception {
        start(1);
        TestScheduler s = subscribe("duplicate");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(smallCommand("twice", o, "sleep 30"))));
        Offer next = s.offers().get(0); // the rest, right away
        s.updateAcked("twice", TaskState.TASK_STARTING);
        s.updateAcked("twice", TaskState.TASK_RUNNING);
        accepted(s.accept(next, Ops.launch(smallCommand("twice", next, "sleep 30"))));

        assertTaskError(s.update("twice"), TaskStatus.Reason.REASON_TASK_INVALID);
        // the first task is untouched: it is still running
        accepted(s.reconcile("twice", o.getAgentId().getValue()));
        assertThat(s.update("twice").getState()).isEqualTo(TaskState.TASK_RUNNING);
    }

    @Test
    void leftoverResourcesAreRefusedWithTheCallsFilterUntilRevive() throws Exception {
        start(1);
        TestScheduler s = subscribe("leftover");
        Offer o = s.offers().get(0);
        int mark = s.received.size();
        accepted(SchedulerCalls.acceptRefusing(s, o, 1000, Ops.launch(smallCommand("small", o, "sleep 30"))));
        s.update("small", TaskState.TASK_STARTING);
        OfferConformanceTest.assertNoOfferSince(s, mark);

        SchedulerCalls.revive(s);
        Offer leftover = s.offers().get(0);
        assertThat(Ops.scalar(leftover, "cpus")).isEqualTo(3.5);
    }

    @Test
    void sandboxesTheAgentCannotCreateFailTheTasksAsLaunchFailuresAndTheAcceptIsStill202() throws Exception {
        start(1);
        TestScheduler s = subscribe("no-sandbox");
        Path agentDir = emulator.agents().get(0).workDir();
        Files.createDirectories(agentDir);
        Files.writeString(agentDir.resolve("slaves"), "a file where the sandboxes' directory should be");
        Offer o = s.offers().get(0);
        int mark = s.received.size();

        CallResult result = SchedulerCalls.acceptRefusing(s, o, 1000, Ops.launch(
                smallCommand("command", o, "sleep 30"),
                Ops.probeTask("custom", o, "custom-exec", ProbeScript.stay(), Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));

        assertThat(result.status()).isEqualTo(202);
        for (String task : List.of("command", "custom")) {
            TaskStatus failed = s.update(task);
            assertThat(failed.getState()).isEqualTo(TaskState.TASK_FAILED);
            assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED);
            assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
            assertThat(failed.hasUuid()).isTrue();
        }
        assertThat(emulator.state().agent(0).executors()).isEmpty();
        assertThat(Ops.scalar(SchedulerCalls.offerSince(s, mark, x -> true), "cpus")).as("nothing holds resources").isEqualTo(4.0);
    }

    // ---------------------------------------------------------------- LAUNCH_GROUP

    @Test
    void launchGroupWithTheDefaultExecutorRunsEveryTask() throws Exception {
        start(1);
        TestScheduler s = subscribe("group");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, launchGroup(defaultExecutor(s, true), o, "first", "second")));

        s.updateAcked("first", TaskState.TASK_STARTING);
        s.updateAcked("second", TaskState.TASK_STARTING);
        assertThat(s.update("first", TaskState.TASK_RUNNING).hasUuid()).isTrue();
        assertThat(s.update("second", TaskState.TASK_RUNNING).hasUuid()).isTrue();
    }

    @Test
    void theDefaultExecutorEndsWithItsLastTaskAndGivesBackItsResources() throws Exception {
        start(1);
        TestScheduler s = subscribe("group-done");
        Offer o = s.offers().get(0);
        int mark = s.received.size();
        // the leftovers stay refused: the next offer holds only what the group gives back, and all of it
        accepted(SchedulerCalls.acceptRefusing(s, o, 1000, Offer.Operation.newBuilder()
                .setType(Offer.Operation.Type.LAUNCH_GROUP)
                .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(defaultExecutor(s, true))
                        .setTaskGroup(TaskGroupInfo.newBuilder().addTasks(smallCommand("brief", o, "true")))).build()));
        s.updateAcked("brief", TaskState.TASK_STARTING);
        s.updateAcked("brief", TaskState.TASK_RUNNING);
        s.updateAcked("brief", TaskState.TASK_FINISHED);

        Offer whole = SchedulerCalls.offerSince(s, mark, x -> true);
        assertThat(Ops.scalar(whole, "cpus")).isEqualTo(4.0);
        assertThat(whole.getExecutorIdsList()).isEmpty();
        assertThat(emulator.state().agent(0).executors()).isEmpty();
    }

    @Test
    void aGroupWhoseExecutorLacksTheFrameworkIdFailsEveryTask() throws Exception {
        start(1);
        TestScheduler s = subscribe("bad-group");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, launchGroup(defaultExecutor(s, false), o, "first", "second")));

        assertTaskError(s.update("first"), TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
        assertTaskError(s.update("second"), TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
    }

    @Test
    void aGroupThatFitsOnlyWithoutItsExecutorsResourcesFailsEveryTask() throws Exception {
        start(1);
        TestScheduler s = subscribe("oversized-group");
        Offer o = s.offers().get(0);
        // 2 + 2 cpus fit the 4 offered; with the executor's 0.1 they do not
        TaskGroupInfo group = TaskGroupInfo.newBuilder()
                .addTasks(Ops.commandTask("big-1", o, "sleep 30", Ops.scalar("cpus", 2), Ops.scalar("mem", 32)))
                .addTasks(Ops.commandTask("big-2", o, "sleep 30", Ops.scalar("cpus", 2), Ops.scalar("mem", 32)))
                .build();
        accepted(s.accept(o, Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
                .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(defaultExecutor(s, true))
                        .setTaskGroup(group)).build()));

        assertTaskError(s.update("big-1"), TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
        assertTaskError(s.update("big-2"), TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
        assertThat(Ops.scalar(s.offers().get(0), "cpus")).as("nothing was launched").isEqualTo(4.0);
    }

    @Test
    void aGroupWithATaskForAnotherAgentFailsEveryTask() throws Exception {
        start(1);
        TestScheduler s = subscribe("misaddressed-group");
        Offer o = s.offers().get(0);
        TaskInfo elsewhere = Ops.commandTask("elsewhere", o, "sleep 30", Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32))
                .toBuilder().setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(emulator.masterId() + "-S99"))
                .build();
        TaskGroupInfo group = TaskGroupInfo.newBuilder()
                .addTasks(Ops.commandTask("here", o, "sleep 30", Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32)))
                .addTasks(elsewhere).build();
        accepted(s.accept(o, Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
                .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(defaultExecutor(s, true))
                        .setTaskGroup(group)).build()));

        assertTaskError(s.update("here"), TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
        assertTaskError(s.update("elsewhere"), TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
    }

    // ---------------------------------------------------------------- helpers

    private static TaskInfo smallCommand(String taskId, Offer offer, String shell) {
        return Ops.commandTask(taskId, offer, shell, Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64));
    }

    private static ExecutorInfo defaultExecutor(TestScheduler s, boolean withFrameworkId) {
        ExecutorInfo.Builder e = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue("default-1"))
                .addResources(Ops.scalar("cpus", 0.1)).addResources(Ops.scalar("mem", 32))
                .addResources(Ops.scalar("disk", 10));
        if (withFrameworkId) {
            e.setFrameworkId(s.frameworkId);
        }
        return e.build();
    }

    private static Offer.Operation launchGroup(ExecutorInfo executor, Offer offer, String... taskIds) {
        TaskGroupInfo.Builder group = TaskGroupInfo.newBuilder();
        for (String id : taskIds) {
            group.addTasks(Ops.commandTask(id, offer, "sleep 30", Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32)));
        }
        return Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
                .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor).setTaskGroup(group)).build();
    }

    private static CallResult reconcileOperationsImplicitly(TestScheduler s) {
        return s.call(Call.newBuilder().setType(Call.Type.RECONCILE_OPERATIONS)
                .setReconcileOperations(Call.ReconcileOperations.newBuilder()));
    }

    private static void assertInvalidOffers(TaskStatus status, TaskState expected) {
        assertThat(status.getState()).isEqualTo(expected);
        assertThat(status.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
        assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(status.hasUuid()).as("master-generated updates carry no uuid").isFalse();
    }

    static void assertTaskError(TaskStatus status, TaskStatus.Reason reason) {
        assertThat(status.getState()).as(status.getMessage()).isEqualTo(TaskState.TASK_ERROR);
        assertThat(status.getReason()).isEqualTo(reason);
        assertThat(status.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(status.hasUuid()).as("master-generated updates carry no uuid").isFalse();
        assertThat(status.getMessage()).isNotEmpty();
    }

}
