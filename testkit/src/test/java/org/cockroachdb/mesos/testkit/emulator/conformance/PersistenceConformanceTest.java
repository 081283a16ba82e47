package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeExecutor;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;
import org.junit.jupiter.api.Test;

/** Checklist 9: volumes and reservations outlive tasks and are re-offered to the role with their data. */
class PersistenceConformanceTest extends EmulatorFixture {

    @Test
    void reserveCreateLaunchThenTheVolumeComesBackWithTheFileTheTaskWrote() throws Exception {
        start(1);
        TestScheduler s = subscribe("persistence");
        Offer offer = s.offers().get(0);
        // like the SDK, reserve the executor's share too, so a relaunch needs nothing unreserved
        Resource reservedCpus = Ops.reserved(Ops.scalar("cpus", 1.1), "cpus-1");
        Resource reservedMem = Ops.reserved(Ops.scalar("mem", 320), "mem-1");
        Resource cpus = Ops.reserved(Ops.scalar("cpus", 1), "cpus-1");
        Resource mem = Ops.reserved(Ops.scalar("mem", 256), "mem-1");
        List<Resource> executorShare = List.of(Ops.reserved(Ops.scalar("cpus", 0.1), "cpus-1"),
                Ops.reserved(Ops.scalar("mem", 64), "mem-1"));
        Resource disk = Ops.reserved(Ops.scalar("disk", 1024));
        Resource volume = Ops.volume(disk, "vol-1", "data");
        assertThat(s.accept(offer, Ops.reserve(reservedCpus, reservedMem, disk), Ops.create(volume),
                Ops.launch(Ops.probeTask("writer", offer.getAgentId(),
                        ProbeExecutor.executorInfo("exec-1", Map.of(), executorShare),
                        ProbeScript.finish().write("data/hello.txt", "kept"), cpus, mem, volume))).isSuccess()).isTrue();

        s.updateAcked("writer", TaskState.TASK_STARTING);
        s.updateAcked("writer", TaskState.TASK_RUNNING);
        s.updateAcked("writer", TaskState.TASK_FINISHED);

        Offer again = s.declineUntil(o -> Ops.hasVolume(o, "vol-1") && Ops.scalar(o, "cpus") >= 1.1);
        Resource offeredVolume = Ops.volumeIn(again, "vol-1");
        assertThat(offeredVolume.getDisk().getVolume().getContainerPath()).isEqualTo("data");
        assertThat(Ops.isReservedForUs(offeredVolume)).isTrue();

        assertThat(s.accept(again, Ops.launch(Ops.probeTask("reader", again.getAgentId(),
                ProbeExecutor.executorInfo("exec-2", Map.of(), executorShare),
                ProbeScript.stay().read("data/hello.txt"), cpus, mem, offeredVolume))).isSuccess()).isTrue();
        s.updateAcked("reader", TaskState.TASK_STARTING);
        TaskStatus running = s.update("reader", TaskState.TASK_RUNNING);
        assertThat(running.getData().toStringUtf8()).isEqualTo("kept");
    }

    @Test
    void reservationsAndVolumesWithTheirDataSurviveAnAgentRestart() throws Exception {
        start(1);
        TestScheduler s = subscribe("restart");
        Offer offer = s.offers().get(0);
        Resource cpus = Ops.reserved(Ops.scalar("cpus", 1), "cpus-r");
        Resource disk = Ops.reserved(Ops.scalar("disk", 512));
        Resource volume = Ops.volume(disk, "vol-r", "data");
        s.accept(offer, Ops.reserve(cpus, disk), Ops.create(volume));
        java.nio.file.Path dir = emulator.state().volumes().get(0).directory();
        java.nio.file.Files.writeString(dir.resolve("marker"), "still here");

        emulator.faults().restartAgent(0);

        Offer after = s.declineUntil(o -> Ops.hasVolume(o, "vol-r")
                && o.getResourcesList().stream().anyMatch(r -> r.getName().equals("cpus") && Ops.isReservedForUs(r)));
        assertThat(Ops.volumeIn(after, "vol-r").getScalar().getValue()).isEqualTo(512.0);
        assertThat(java.nio.file.Files.readString(dir.resolve("marker"))).isEqualTo("still here");
    }

    @Test
    void aCheckpointingFrameworksExecutorSurvivesAnAgentRestartAndKeepsItsTask() throws Exception {
        start(1);
        TestScheduler s = subscribe("survivor");
        Offer offer = s.offers().get(0);
        s.accept(offer, Ops.launch(Ops.probeTask("survivor", offer, "survivor-exec", ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));
        s.updateAcked("survivor", TaskState.TASK_STARTING);
        s.updateAcked("survivor", TaskState.TASK_RUNNING);

        emulator.faults().restartAgent(0);

        // the executor re-subscribes within its backoff; a KILL then reaches it through the new stream
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
            s.reconcile("survivor", emulator.agents().get(0).id());
            assertThat(s.update("survivor").getState()).isEqualTo(TaskState.TASK_RUNNING);
        });
        s.kill("survivor", emulator.agents().get(0).id());
        s.updateAcked("survivor", TaskState.TASK_KILLING);
        assertThat(s.update("survivor", TaskState.TASK_KILLED).hasUuid()).isTrue();
    }

    @Test
    void tasksOfANonCheckpointingFrameworkAreGoneAfterAnAgentRestart() throws Exception {
        start(1);
        TestScheduler s = subscribe(Frameworks.modern("ephemeral").toBuilder().setCheckpoint(false).build());
        Offer offer = s.offers().get(0);
        s.accept(offer, Ops.launch(Ops.probeTask("ephemeral", offer, "ephemeral-exec", ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));
        s.updateAcked("ephemeral", TaskState.TASK_STARTING);
        s.updateAcked("ephemeral", TaskState.TASK_RUNNING);

        emulator.faults().restartAgent(0);

        TaskStatus gone = s.update("ephemeral", TaskState.TASK_GONE);
        assertThat(gone.hasUuid()).isFalse();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> emulator.state().agent(0).executors().isEmpty());
    }

    @Test
    void reservationsAndVolumesSurviveAMasterFailover() throws Exception {
        start(1);
        TestScheduler s = subscribe("failover");
        Offer offer = s.offers().get(0);
        Resource disk = Ops.reserved(Ops.scalar("disk", 256));
        s.accept(offer, Ops.reserve(disk), Ops.create(Ops.volume(disk, "vol-f", "data")));
        String oldMaster = emulator.masterId();

        emulator.faults().failoverMaster();
        s.resubscribe();

        assertThat(emulator.masterId()).isNotEqualTo(oldMaster);
        Offer after = s.declineUntil(o -> Ops.hasVolume(o, "vol-f"));
        assertThat(Ops.isReservedForUs(Ops.volumeIn(after, "vol-f"))).isTrue();
    }

    @Test
    void aVolumeIsReachedFromTheSandboxAtItsContainerPath() throws Exception {
        start(1);
        TestScheduler s = subscribe("paths");
        Offer offer = s.offers().get(0);
        Resource disk = Ops.reserved(Ops.scalar("disk", 128));
        Resource volume = Ops.volume(disk, "vol-p", "store");
        s.accept(offer, Ops.reserve(disk), Ops.create(volume), Ops.launch(Ops.probeTask("pathy", offer, "pathy-exec",
                ProbeScript.stay().write("store/written-through-sandbox", "x"), Ops.scalar("cpus", 0.5),
                Ops.scalar("mem", 64), volume)));
        s.updateAcked("pathy", TaskState.TASK_STARTING);
        s.update("pathy", TaskState.TASK_RUNNING);

        java.nio.file.Path dir = emulator.state().volumes().get(0).directory();
        assertThat(dir.resolve("written-through-sandbox")).hasContent("x");
    }
}
