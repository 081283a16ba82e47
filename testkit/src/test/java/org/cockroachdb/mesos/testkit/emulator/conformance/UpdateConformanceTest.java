package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.accepted;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.taskUpdate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.testkit.emulator.EmulatorState;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;
import org.junit.jupiter.api.Test;

/** Checklist 7: uuids, one update in flight per task, redelivery, freeing on terminal, forgetting on its ack. */
class UpdateConformanceTest extends EmulatorFixture {
    /** The fast config's status update retry interval. */
    private static final Duration RETRY = Duration.ofMillis(500);

    @Test
    void agentAndExecutorUpdatesCarryAUuidAndMasterGeneratedOnesNone() throws Exception {
        start(1);
        TestScheduler s = subscribe("uuids");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(sleeper("real", o),
                Ops.commandTask("invalid", o, "sleep 30", Ops.scalar("cpus", 100), Ops.scalar("mem", 64)))));

        TaskStatus starting = s.update("real", TaskState.TASK_STARTING);
        assertThat(starting.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(starting.getUuid().size()).isEqualTo(16);
        // sent while the ACCEPT was handled, so already received (and skipped by the wait above)
        TaskStatus error = SchedulerCalls.updatesIn(s.received).stream()
                .filter(u -> u.getTaskId().getValue().equals("invalid")).findFirst().orElseThrow();
        assertThat(error.getState()).isEqualTo(TaskState.TASK_ERROR);
        assertThat(error.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(error.hasUuid()).isFalse();
        accepted(s.reconcile("real", o.getAgentId().getValue()));
        TaskStatus reconciled = s.next(e -> taskUpdate("real").test(e)
                && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
        assertThat(reconciled.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(reconciled.hasUuid()).isFalse();
    }

    @Test
    void runningIsNotDeliveredUntilStartingIsAcknowledged() throws Exception {
        start(1);
        TestScheduler s = subscribe("in-flight");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(sleeper("one-at-a-time", o))));

        TaskStatus starting = s.update("one-at-a-time", TaskState.TASK_STARTING);
        int mark = s.received.size();
        // the command is running by now; its RUNNING waits behind the unacknowledged STARTING
        s.next(e -> taskUpdate("one-at-a-time").test(e) && e.getUpdate().getStatus().getUuid().equals(starting.getUuid()));
        s.maybeNext(e -> false, Duration.ofMillis(1500));
        assertThat(SchedulerCalls.updatesIn(s.received.subList(mark, s.received.size())))
                .isNotEmpty()
                .allSatisfy(u -> assertThat(u.getState()).isEqualTo(TaskState.TASK_STARTING));

        accepted(s.acknowledge(starting));
        TaskStatus running = s.update("one-at-a-time", TaskState.TASK_RUNNING);
        assertThat(running.getUuid()).isNotEqualTo(starting.getUuid());
    }

    @Test
    void anUnacknowledgedUpdateIsRedeliveredWithTheSameUuid() throws Exception {
        start(1);
        TestScheduler s = subscribe("redelivery");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(sleeper("unacked", o))));

        TaskStatus first = s.update("unacked", TaskState.TASK_STARTING);
        TaskStatus second = s.update("unacked", TaskState.TASK_STARTING);
        long secondAt = System.nanoTime();
        assertThat(second.getUuid()).isEqualTo(first.getUuid());
        TaskStatus third = s.update("unacked", TaskState.TASK_STARTING);
        assertThat(third.getUuid()).isEqualTo(first.getUuid());
        // a retry with backoff (500 ms, then 1 s), not a duplicate
        assertThat(Duration.ofNanos(System.nanoTime() - secondAt)).isGreaterThanOrEqualTo(RETRY);
    }

    @Test
    void anAcknowledgementForAnotherUuidIsIgnored() throws Exception {
        start(1);
        TestScheduler s = subscribe("wrong-ack");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(sleeper("misacked", o))));

        TaskStatus starting = s.update("misacked", TaskState.TASK_STARTING);
        accepted(s.acknowledge(starting.getAgentId(), starting.getTaskId(), SchedulerCalls.randomUuid()));
        TaskStatus next = s.update("misacked");
        assertThat(next.getState()).isEqualTo(TaskState.TASK_STARTING);
        assertThat(next.getUuid()).isEqualTo(starting.getUuid());
    }

    @Test
    void resourcesAreFreedWhenTheTerminalUpdateArrivesBeforeItIsAcknowledged() throws Exception {
        start(1);
        TestScheduler s = subscribe("freed-early");
        Offer o = s.offers().get(0);
        // the task takes every cpu and all the memory: no offer can be made while it holds them
        int mark = s.received.size();
        accepted(s.accept(o, Ops.launch(Ops.commandTask("brief", o, "exit 0",
                Ops.scalar("cpus", 4), Ops.scalar("mem", 8192)))));
        s.updateAcked("brief", TaskState.TASK_STARTING);
        s.updateAcked("brief", TaskState.TASK_RUNNING);
        TaskStatus finished = s.update("brief", TaskState.TASK_FINISHED);
        assertThat(finished.hasUuid()).isTrue();

        Offer freed = SchedulerCalls.offerSince(s, mark, x -> Ops.scalar(x, "cpus") == 4.0);
        assertThat(Ops.scalar(freed, "mem")).isEqualTo(8192.0);
        // the terminal update is still outstanding: the agent keeps resending it
        TaskStatus again = s.update("brief", TaskState.TASK_FINISHED);
        assertThat(again.getUuid()).isEqualTo(finished.getUuid());
    }

    @Test
    void resourcesAreFreedOnATerminalStateEvenWhileEarlierUpdatesAreUnacknowledged() throws Exception {
        start(1);
        TestScheduler s = subscribe("latest-state");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(Ops.commandTask("brief", o, "exit 0",
                Ops.scalar("cpus", 4), Ops.scalar("mem", 8192)))));
        int mark = s.received.size();
        TaskStatus starting = s.update("brief", TaskState.TASK_STARTING);

        // nothing is acknowledged: the master learns of FINISHED from the agent all the same
        Offer freed = SchedulerCalls.offerSince(s, mark, x -> Ops.scalar(x, "cpus") == 4.0);
        assertThat(Ops.scalar(freed, "mem")).isEqualTo(8192.0);
        assertThat(SchedulerCalls.updatesIn(s.received)).allSatisfy(u -> assertThat(u.getUuid()).isEqualTo(starting.getUuid()));
    }

    @Test
    void afterTheTerminalAcknowledgementTheTaskIsForgotten() throws Exception {
        start(1);
        TestScheduler s = subscribe("forgotten");
        Offer o = s.offers().get(0);
        String agent = o.getAgentId().getValue();
        accepted(s.accept(o, Ops.launch(Ops.commandTask("brief", o, "exit 0", Ops.scalar("cpus", 1), Ops.scalar("mem", 64)))));
        s.updateAcked("brief", TaskState.TASK_STARTING);
        s.updateAcked("brief", TaskState.TASK_RUNNING);
        TaskStatus finished = s.update("brief", TaskState.TASK_FINISHED);

        accepted(s.reconcile("brief", agent));
        assertThat(reconciled(s, "brief").getState()).as("known until acknowledged").isEqualTo(TaskState.TASK_FINISHED);
        accepted(s.acknowledge(finished));
        accepted(s.reconcile("brief", agent));
        assertThat(reconciled(s, "brief").getState()).isEqualTo(TaskState.TASK_GONE);
    }

    @Test
    void theAgentSetsAgentIdSourceAndTimestampOnExecutorUpdates() throws Exception {
        start(1);
        TestScheduler s = subscribe("forced-fields");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(Ops.probeTask("probed", o, "probe-1", ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64)))));

        double before = System.currentTimeMillis() / 1000.0;
        TaskStatus starting = s.update("probed", TaskState.TASK_STARTING);
        // the probe leaves agent_id unset
        assertThat(starting.getAgentId()).isEqualTo(o.getAgentId());
        assertThat(starting.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(starting.getExecutorId().getValue()).isEqualTo("probe-1");
        assertThat(starting.getTimestamp()).isBetween(before - 60, System.currentTimeMillis() / 1000.0 + 1);
    }

    @Test
    void theExecutorsUpdatesAreAcknowledgedByTheAgentNotByTheScheduler() throws Exception {
        start(1);
        TestScheduler s = subscribe("local-acks");
        Offer o = s.offers().get(0);
        // the probe exits once the agent has ACKNOWLEDGED all its updates of finished tasks
        accepted(s.accept(o, Ops.launch(Ops.probeTask("done", o, "probe-1", ProbeScript.finish(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64)))));
        TaskStatus starting = s.update("done", TaskState.TASK_STARTING);

        Event failure = s.next(Event.Type.FAILURE);
        assertThat(failure.getFailure().getExecutorId().getValue()).isEqualTo("probe-1");
        assertThat(failure.getFailure().getStatus()).as("exited normally").isZero();
        // the scheduler acknowledged nothing: its stream is still at STARTING
        assertThat(SchedulerCalls.updatesIn(s.received)).allSatisfy(u -> assertThat(u.getUuid()).isEqualTo(starting.getUuid()));
        s.updateAcked("done", TaskState.TASK_STARTING);
        s.updateAcked("done", TaskState.TASK_RUNNING);
        s.updateAcked("done", TaskState.TASK_FINISHED);
    }

    @Test
    void aCommandTaskThatExitsNonZeroFails() throws Exception {
        start(1);
        TestScheduler s = subscribe("exit-3");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(Ops.commandTask("three", o, "exit 3", Ops.scalar("cpus", 1), Ops.scalar("mem", 64)))));
        s.updateAcked("three", TaskState.TASK_STARTING);
        s.updateAcked("three", TaskState.TASK_RUNNING);

        TaskStatus last = s.update("three");
        assertThat(last.getState()).isEqualTo(TaskState.TASK_FAILED);
        assertThat(last.getSource()).isEqualTo(TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(last.hasUuid()).isTrue();
    }

    @Test
    void killingACommandTaskGoesThroughKillingToKilled() throws Exception {
        start(1);
        TestScheduler s = subscribe("killer");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(sleeper("victim", o))));
        s.updateAcked("victim", TaskState.TASK_STARTING);
        s.updateAcked("victim", TaskState.TASK_RUNNING);

        accepted(s.kill("victim", o.getAgentId().getValue()));
        TaskStatus killing = s.update("victim");
        assertThat(killing.getState()).isEqualTo(TaskState.TASK_KILLING);
        accepted(s.acknowledge(killing));
        TaskStatus killed = s.update("victim");
        assertThat(killed.getState()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(killed.hasUuid()).isTrue();
    }

    @Test
    void aCommandKilledWhileItsUriIsStillFetchedEndsKilledAndNeverStarts() throws Exception {
        HeldDownload download = closeLater(new HeldDownload("payload"));
        start(1);
        TestScheduler s = subscribe("killed-early");
        Offer o = s.offers().get(0);
        TaskInfo fetching = sleeper("early", o).toBuilder().setCommand(CommandInfo.newBuilder().setValue("sleep 30")
                .addUris(CommandInfo.URI.newBuilder().setValue(download.url("payload")).setExtract(false))).build();
        accepted(s.accept(o, Ops.launch(fetching)));
        await().atMost(TestScheduler.WAIT).until(download::requested);

        accepted(s.kill("early", o.getAgentId().getValue()));
        s.updateAcked("early", TaskState.TASK_KILLING);
        s.update("early", TaskState.TASK_KILLED); // left unacknowledged, so the task's stream stays open
        download.release();
        await().atMost(TestScheduler.WAIT).until(() -> fetched(workDir, "payload"));

        // the command is spawned after its KILL: nothing may follow KILLED
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> {
            EmulatorState.TaskView task = emulator.state().tasks().get(0);
            return task.agentState().equals("TASK_KILLED") && task.pendingUpdates() == 1;
        });
    }

    // ---------------------------------------------------------------- helpers

    private static org.apache.mesos.v1.Protos.TaskInfo sleeper(String taskId, Offer o) {
        return Ops.commandTask(taskId, o, "sleep 30", Ops.scalar("cpus", 1), Ops.scalar("mem", 64));
    }

    private static boolean fetched(Path workDir, String fileName) throws IOException {
        try (Stream<Path> files = Files.walk(workDir)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(fileName));
        }
    }

    private static TaskStatus reconciled(TestScheduler s, String taskId) {
        return s.next(e -> e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
                && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
    }
}
