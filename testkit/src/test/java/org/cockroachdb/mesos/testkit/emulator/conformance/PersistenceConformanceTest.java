package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskGroupInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
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
    void builtInTasksOfANonCheckpointingFrameworkAreKilledAndGoneAfterAnAgentRestart() throws Exception {
        start(1);
        TestScheduler s = subscribe(Frameworks.modern("ephemeral-commands").toBuilder().setCheckpoint(false).build());
        Offer offer = s.offers().get(0);
        String writePidThenSleep = "echo $$ > pid; exec sleep 300";
        ExecutorInfo defaultExecutor = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue("default-1")).setFrameworkId(s.frameworkId)
                .addResources(Ops.scalar("cpus", 0.1)).addResources(Ops.scalar("mem", 32))
                .addResources(Ops.scalar("disk", 10)).build();
        s.accept(offer, Ops.launch(Ops.commandTask("command", offer, writePidThenSleep,
                        Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))),
                Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH_GROUP)
                        .setLaunchGroup(Offer.Operation.LaunchGroup.newBuilder().setExecutor(defaultExecutor)
                                .setTaskGroup(TaskGroupInfo.newBuilder().addTasks(Ops.commandTask("grouped", offer,
                                        writePidThenSleep, Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))))).build());
        for (String task : List.of("command", "grouped")) {
            s.updateAcked(task, TaskState.TASK_STARTING);
            s.updateAcked(task, TaskState.TASK_RUNNING);
        }
        List<ProcessHandle> commands = await().atMost(Duration.ofSeconds(10)).until(() -> pids(workDir), p -> p.size() == 2);

        emulator.faults().restartAgent(0);

        for (String task : List.of("command", "grouped")) {
            TaskStatus gone = s.update(task, TaskState.TASK_GONE);
            assertThat(gone.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_RESTARTED);
            assertThat(gone.hasUuid()).isFalse();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> commands.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(emulator.state().agent(0).executors()).isEmpty();
        assertThat(emulator.state().tasks()).isEmpty();
    }

    @Test
    void aCheckpointedExecutorThatDoesNotResubscribeAfterAnAgentRestartFailsItsTaskWithReregistrationTimeout()
            throws Exception {
        start(1);
        TestScheduler s = subscribe("absent");
        Offer offer = s.offers().get(0);
        ExecutorInfo mute = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue("mute-exec"))
                .setCommand(CommandInfo.newBuilder().setValue("exec sleep 120"))
                .addResources(Ops.scalar("cpus", 0.1)).addResources(Ops.scalar("mem", 32)).build();
        s.accept(offer, Ops.launch(Ops.probeTask("left", offer.getAgentId(), mute, ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64))));
        await().atMost(Duration.ofSeconds(10)).until(() -> emulator.state().agent(0).executors().contains("mute-exec"));
        // the test speaks for the executor, and after the restart says nothing more
        TestExecutor executor = closeLater(new TestExecutor(emulator.agents().get(0).endpoint(),
                s.frameworkId.getValue(), "mute-exec"));
        executor.subscribe();
        executor.next(org.apache.mesos.v1.executor.Protos.Event.Type.LAUNCH);
        executor.send(TestExecutor.update("left", TaskState.TASK_RUNNING));
        s.updateAcked("left", TaskState.TASK_RUNNING);

        emulator.faults().restartAgent(0);

        TaskStatus failed = s.update("left", TaskState.TASK_FAILED);
        assertThat(failed.getReason()).isEqualTo(TaskStatus.Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT);
        assertThat(failed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        assertThat(failed.hasUuid()).isTrue();
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

    /** The processes whose pids the commands wrote to {@code pid} in their sandboxes. */
    private static List<ProcessHandle> pids(Path workDir) throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            List<Path> written = files.filter(p -> p.getFileName().toString().equals("pid")).toList();
            List<ProcessHandle> out = new ArrayList<>();
            for (Path p : written) {
                String pid = Files.readString(p).strip();
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(out::add);
                }
            }
            return out;
        }
    }
}
