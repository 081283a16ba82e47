package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.testkit.emulator.EmulatorState;
import org.junit.jupiter.api.Test;

/** Checklist 4 (reference §1.5, §1.3 TEARDOWN): disconnection, the failover timeout, and TEARDOWN. */
class FailoverConformanceTest extends EmulatorFixture {

    @Test
    void callsOfADisconnectedFrameworkGet403() throws Exception {
        start(1);
        TestScheduler s = subscribe("disconnected");
        s.close(); // the scheduler's end of the connection goes away
        awaitDisconnected(s);
        CallResult r = s.simple(Call.Type.REVIVE);
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void resubscribingWithinTheFailoverTimeoutKeepsTheRunningTask() throws Exception {
        start(1);
        TestScheduler s = subscribe(withFailoverTimeout(Frameworks.modern("returns"), 2));
        TaskStatus running = Probes.running(s, "kept", "exec-kept", true);
        List<ProcessHandle> probes = Probes.processes();
        assertThat(probes).isNotEmpty();

        s.close();
        awaitDisconnected(s);
        s.resubscribe();
        // outlive the (cancelled) 2 s timer: nothing may happen to the task
        assertThat(s.maybeNext(e -> e.getType() == Event.Type.UPDATE, Duration.ofSeconds(3))).isEmpty();

        assertThat(s.reconcile("kept", running.getAgentId().getValue()).status()).isEqualTo(202);
        TaskStatus reconciled = s.update("kept");
        assertThat(reconciled.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(reconciled.getReason()).isEqualTo(TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(reconciled.hasUuid()).isFalse();
        assertThat(probes).allMatch(ProcessHandle::isAlive);
    }

    @Test
    void failoverTimeoutExpiryKillsTheTasksAndRemovesTheFramework() throws Exception {
        start(1);
        TestScheduler s = subscribe(withFailoverTimeout(Frameworks.modern("expires"), 1));
        Probes.running(s, "doomed", "exec-doomed", true);
        List<ProcessHandle> probes = Probes.processes();
        assertThat(probes).isNotEmpty();

        s.close();
        awaitRemoved(probes);
        assertRemoved(s);
    }

    @Test
    void teardownKillsTheTasksAndRemovesTheFramework() throws Exception {
        start(1);
        TestScheduler s = subscribe("torn-down");
        Probes.running(s, "doomed", "exec-doomed", true);
        List<ProcessHandle> probes = Probes.processes();
        assertThat(probes).isNotEmpty();

        CallResult teardown = s.simple(Call.Type.TEARDOWN);
        assertThat(teardown.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(s::streamEnded);
        awaitRemoved(probes);
        assertRemoved(s);
    }

    // ---------------------------------------------------------------- helpers

    private static FrameworkInfo withFailoverTimeout(FrameworkInfo info, double seconds) {
        return info.toBuilder().setFailoverTimeout(seconds).build();
    }

    private void awaitDisconnected(TestScheduler s) {
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.state().frameworks().stream()
                .anyMatch(f -> f.id().equals(s.frameworkId.getValue()) && !f.connected()));
    }

    /** No framework, task or executor is left, and the executor processes have exited. */
    private void awaitRemoved(List<ProcessHandle> probes) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            EmulatorState state = emulator.state();
            return state.frameworks().isEmpty() && state.tasks().isEmpty()
                    && state.agents().stream().allMatch(a -> a.executors().isEmpty());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> probes.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** Its ID is retired: calls get 400 as for any unknown framework, and SUBSCRIBE gets ERROR. */
    private static void assertRemoved(TestScheduler s) {
        CallResult call = s.simple(Call.Type.REVIVE);
        assertThat(call.status()).isEqualTo(400);
        assertThat(((CallResult.Rejected) call).message()).contains("Framework cannot be found");

        assertThat(s.open()).isEmpty();
        Event error = s.received.get(s.received.size() - 1);
        assertThat(error.getType()).isEqualTo(Event.Type.ERROR);
        assertThat(error.getError().getMessage()).isEqualTo("Framework has been removed");
    }
}
