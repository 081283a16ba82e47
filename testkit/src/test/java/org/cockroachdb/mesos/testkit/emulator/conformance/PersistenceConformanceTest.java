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
}
