package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;

/** Launching probe-executor tasks from unreserved resources, and finding their processes. */
final class Probes {
    static final Resource CPUS = Ops.scalar("cpus", 0.5);
    static final Resource MEM = Ops.scalar("mem", 128);

    private Probes() {}

    /** Accepts {@code offer} with one probe task (executor {@code executorId}) that stays running. */
    static void launch(TestScheduler s, Offer offer, String taskId, String executorId) {
        CallResult r = s.accept(offer, Ops.launch(Ops.probeTask(taskId, offer, executorId, ProbeScript.stay(), CPUS, MEM)));
        assertThat(r.isSuccess()).as(r.describe()).isTrue();
    }

    /**
     * Launches a probe task on the first offer, acknowledges TASK_STARTING and returns TASK_RUNNING,
     * acknowledged only if {@code ackRunning}.
     */
    static TaskStatus running(TestScheduler s, String taskId, String executorId, boolean ackRunning) {
        launch(s, s.offers().get(0), taskId, executorId);
        s.updateAcked(taskId, TaskState.TASK_STARTING);
        return ackRunning ? s.updateAcked(taskId, TaskState.TASK_RUNNING) : s.update(taskId, TaskState.TASK_RUNNING);
    }

    /**
     * The live probe-executor processes this JVM started through the emulator: the JVMs among its
     * descendants (the command line, which would name the class, is cut off after the classpath).
     */
    static List<ProcessHandle> processes() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(java::equals).orElse(false))
                .toList();
    }
}
