package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.accepted;

import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;
import org.junit.jupiter.api.Test;

/** Checklist 8: the explicit reconciliation table, LOST for legacy frameworks, implicit reconciliation, KILL, partitions. */
class ReconciliationConformanceTest extends EmulatorFixture {

    @Test
    void explicitReconcileOfAKnownTaskSendsItsLatestStateWithoutUuidMessageOrData() throws Exception {
        start(1);
        TestScheduler s = subscribe("known");
        Offer o = s.offers().get(0);
        accepted(s.accept(o, Ops.launch(Ops.probeTask("talker", o, "probe-1",
                ProbeScript.stay().write("note.txt", "hello").read("note.txt"), Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64)))));
        s.updateAcked("talker", TaskState.TASK_STARTING);
        TaskStatus running = s.updateAcked("talker", TaskState.TASK_RUNNING);
        assertThat(running.getMessage()).isEqualTo("hello");
        assertThat(running.getData().toStringUtf8()).isEqualTo("hello");

        accepted(s.reconcile("talker", o.getAgentId().getValue()));
        TaskStatus reply = reconciled(s, "talker");
        assertThat(reply.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(reply.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(reply.hasUuid()).isFalse();
        assertThat(reply.hasMessage()).isFalse();
        assertThat(reply.hasData()).isFalse();
        assertThat(reply.getAgentId()).isEqualTo(o.getAgentId());
    }

    /**
     * ⚠ code: the master answers with the state of the last update it forwarded (the task's
     * {@code status_update_state}); the agent's newer {@code latest_state} only frees the resources.
     */
    @Test
    void explicitReconcileAnswersTheLastForwardedStateEvenWhenTheAgentKnowsALaterOne() throws Exception {
        start(1);
        TestScheduler s = subscribe("forwarded");
        Offer o = s.offers().get(0);
        String agent = o.getAgentId().getValue();
        int mark = s.received.size();
        accepted(s.accept(o, Ops.launch(Ops.commandTask("brief", o, "exit 0", Ops.scalar("cpus", 4), Ops.scalar("mem", 8192)))));
        TaskStatus starting = s.update("brief", TaskState.TASK_STARTING);
        // RUNNING and FINISHED wait behind the unacknowledged STARTING; the master knows it has ended
        SchedulerCalls.offerSince(s, mark, x -> Ops.scalar(x, "cpus") == 4.0);

        accepted(s.reconcile("brief", agent));
        assertThat(reconciled(s, "brief").getState()).isEqualTo(TaskState.TASK_STARTING);

        accepted(s.acknowledge(starting));
        s.updateAcked("brief", TaskState.TASK_RUNNING);
        s.update("brief", TaskState.TASK_FINISHED);
        accepted(s.reconcile("brief", agent));
        assertThat(reconciled(s, "brief").getState()).isEqualTo(TaskState.TASK_FINISHED);
    }

    @Test
    void anUnknownTaskOnARegisteredAgentIsGone() throws Exception {
        start(1);
        TestScheduler s = subscribe("registered");
        String agent = emulator.agents().get(0).id();

        accepted(s.reconcile("never-launched", agent));
        assertUnknownTaskReply(reconciled(s, "never-launched"), TaskState.TASK_GONE);
    }

    @Test
    void anUnknownTaskOnAnUnreachableAgentIsUnreachable() throws Exception {
        start(1);
        TestScheduler s = subscribe("unreachable");
        Offer o = s.offers().get(0);
        runSleeper(s, o, "stranded");
        emulator.faults().partitionAgent(0);
        s.update("stranded", TaskState.TASK_UNREACHABLE);

        accepted(s.reconcile("never-launched", o.getAgentId().getValue()));
        assertUnknownTaskReply(reconciled(s, "never-launched"), TaskState.TASK_UNREACHABLE);
    }

    @Test
    void anUnknownTaskOnAnAgentMarkedGoneIsGoneByOperator() throws Exception {
        start(1);
        TestScheduler s = subscribe("gone");
        String agent = emulator.agents().get(0).id();
        emulator.faults().markAgentGone(0);

        accepted(s.reconcile("never-launched", agent));
        assertUnknownTaskReply(reconciled(s, "never-launched"), TaskState.TASK_GONE_BY_OPERATOR);
    }

    @Test
    void anUnknownTaskOnAnUnknownAgentIsUnknown() throws Exception {
        start(1);
        TestScheduler s = subscribe("unknown-agent");

        accepted(s.reconcile("never-launched", emulator.masterId() + "-S99"));
        assertUnknownTaskReply(reconciled(s, "never-launched"), TaskState.TASK_UNKNOWN);
    }

    @Test
    void anUnknownTaskWithoutAnAgentIdIsUnknown() throws Exception {
        start(1);
        TestScheduler s = subscribe("no-agent");

        accepted(s.reconcile("never-launched", null));
        assertUnknownTaskReply(reconciled(s, "never-launched"), TaskState.TASK_UNKNOWN);
    }

    @Test
    void aLegacyFrameworkIsToldLostInsteadOfGoneUnknownOrGoneByOperator() throws Exception {
        start(2);
        TestScheduler s = subscribe(Frameworks.legacy("legacy", "legacy-role"));
        String registered = emulator.agents().get(0).id();
        String removed = emulator.agents().get(1).id();
        emulator.faults().markAgentGone(1);

        accepted(s.reconcile("on-registered", registered));
        accepted(s.reconcile("on-removed", removed));
        accepted(s.reconcile("on-unknown", emulator.masterId() + "-S99"));
        accepted(s.reconcile("nowhere", null));
        for (String task : List.of("on-registered", "on-removed", "on-unknown", "nowhere")) {
            assertUnknownTaskReply(reconciled(s, task), TaskState.TASK_LOST);
        }
    }

    @Test
    void implicitReconcileReturnsEveryTaskOfTheFrameworkIncludingTerminalUnacknowledgedOnes() throws Exception {
        start(2);
        TestScheduler mine = subscribe("mine");
        Map<String, Offer> offers = OfferConformanceTest.firstOfferOfEachAgent(mine, 2);
        Offer o = offers.get(emulator.agents().get(0).id());
        accepted(mine.accept(o, Ops.launch(
                Ops.commandTask("running", o, "sleep 30", Ops.scalar("cpus", 1), Ops.scalar("mem", 64)),
                Ops.commandTask("finished", o, "exit 0", Ops.scalar("cpus", 1), Ops.scalar("mem", 64)))));
        // refuse the second agent so that the other framework gets it
        accepted(mine.decline(offers.get(emulator.agents().get(1).id()), 1000));
        mine.updateAcked("running", TaskState.TASK_STARTING);
        mine.updateAcked("running", TaskState.TASK_RUNNING);
        mine.updateAcked("finished", TaskState.TASK_STARTING);
        mine.updateAcked("finished", TaskState.TASK_RUNNING);
        mine.update("finished", TaskState.TASK_FINISHED); // never acknowledged
        TestScheduler theirs = subscribe("theirs");
        runSleeper(theirs, theirs.offerFrom(emulator.agents().get(1).id()), "theirs-task");

        int mark = mine.received.size();
        SchedulerCalls.reconcileImplicitly(mine);
        // replies come in order: once this explicit one is in, every implicit reply is too
        accepted(mine.reconcile("marker", null));
        reconciled(mine, "marker");
        Map<String, TaskState> replies = new java.util.LinkedHashMap<>();
        for (TaskStatus u : SchedulerCalls.updatesIn(mine.received.subList(mark, mine.received.size()))) {
            if (u.getReason() == TaskStatus.Reason.REASON_RECONCILIATION && !u.getTaskId().getValue().equals("marker")) {
                assertThat(u.hasUuid()).isFalse();
                replies.put(u.getTaskId().getValue(), u.getState());
            }
        }
        assertThat(replies).containsOnly(Map.entry("running", TaskState.TASK_RUNNING),
                Map.entry("finished", TaskState.TASK_FINISHED));
    }

    @Test
    void killingAnUnknownTaskIsAnsweredLikeExplicitReconciliation() throws Exception {
        start(1);
        TestScheduler s = subscribe("kill-unknown");
        String agent = emulator.agents().get(0).id();

        accepted(s.kill("ghost", agent));
        assertUnknownTaskReply(reconciled(s, "ghost"), TaskState.TASK_GONE);
    }

    @Test
    void killingATaskQueuedBeforeItsExecutorSubscribedIsKilledDuringLaunch() throws Exception {
        start(1);
        TestScheduler s = subscribe("kill-queued");
        Offer o = s.offers().get(0);
        ExecutorInfo mute = ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue("never-subscribes"))
                .setCommand(CommandInfo.newBuilder().setValue("sleep 60"))
                .addResources(Ops.scalar("cpus", 0.1)).addResources(Ops.scalar("mem", 32)).build();
        TaskInfo queued = Ops.probeTask("queued", o.getAgentId(), mute, ProbeScript.stay(),
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64));
        accepted(s.accept(o, Ops.launch(queued)));

        accepted(s.kill("queued", o.getAgentId().getValue()));
        TaskStatus killed = s.update("queued");
        assertThat(killed.getState()).isEqualTo(TaskState.TASK_KILLED);
        assertThat(killed.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH);
        assertThat(killed.getSource()).isEqualTo(TaskStatus.Source.SOURCE_AGENT);
        assertThat(killed.hasUuid()).as("the agent generated it: it must be acknowledged").isTrue();
    }

    @Test
    void aPartitionedAgentsTasksBecomeUnreachableAndComeBackRunningWhenItHeals() throws Exception {
        start(1);
        TestScheduler s = subscribe("partition");
        Offer o = s.offers().get(0);
        runSleeper(s, o, "survivor");

        long cutAt = System.nanoTime();
        emulator.faults().partitionAgent(0);
        TaskStatus unreachable = s.update("survivor");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - cutAt))
                .as("declared only after the ping timeout")
                .isGreaterThanOrEqualTo(emulator.config().agentPingTimeout().minusMillis(100));
        assertThat(unreachable.getState()).isEqualTo(TaskState.TASK_UNREACHABLE);
        assertThat(unreachable.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REMOVED);
        assertThat(unreachable.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(unreachable.hasUnreachableTime()).isTrue();
        assertThat(unreachable.hasUuid()).isFalse();

        emulator.faults().healAgent(0);
        TaskStatus back = s.update("survivor");
        assertThat(back.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(back.getReason()).isEqualTo(TaskStatus.Reason.REASON_AGENT_REREGISTERED);
        assertThat(back.hasUuid()).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    /** Launches {@code sleep 30} and acknowledges it up to RUNNING. */
    private static void runSleeper(TestScheduler s, Offer o, String taskId) {
        accepted(s.accept(o, Ops.launch(Ops.commandTask(taskId, o, "sleep 30", Ops.scalar("cpus", 1), Ops.scalar("mem", 64)))));
        s.updateAcked(taskId, TaskState.TASK_STARTING);
        s.updateAcked(taskId, TaskState.TASK_RUNNING);
    }

    private static TaskStatus reconciled(TestScheduler s, String taskId) {
        return s.next(e -> e.getType() == Event.Type.UPDATE
                && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
                && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).getUpdate().getStatus();
    }

    private static void assertUnknownTaskReply(TaskStatus reply, TaskState expected) {
        assertThat(reply.getState()).isEqualTo(expected);
        assertThat(reply.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(reply.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(reply.hasUuid()).isFalse();
    }
}
