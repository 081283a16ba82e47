package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.accepted;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.cockroachdb.mesos.testkit.emulator.SchedulerTraffic;
import org.junit.jupiter.api.Test;

/** The traffic tap benchmarks use: every LAUNCH, KILL and update, in the order the master saw them. */
class TrafficWatchTest extends EmulatorFixture {
    @Test
    void aLaunchAKillAndTheirUpdatesAreSeenInOrder() throws Exception {
        start(1);
        List<SchedulerTraffic> seen = new CopyOnWriteArrayList<>();
        emulator.watchTraffic(seen::add);
        TestScheduler s = subscribe("watched");
        Offer o = s.offers().get(0);
        TaskInfo sleeper = Ops.commandTask("watched-task", o, "sleep 30", Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32));
        accepted(s.accept(o, Ops.launch(sleeper)));
        s.updateAcked("watched-task", TaskState.TASK_STARTING);
        s.updateAcked("watched-task", TaskState.TASK_RUNNING);
        accepted(s.kill("watched-task", o.getAgentId().getValue()));
        s.updateAcked("watched-task", TaskState.TASK_KILLING);
        s.updateAcked("watched-task", TaskState.TASK_KILLED);

        List<String> story = seen.stream().filter(t -> t.taskIds().contains("watched-task"))
                .map(t -> t.kind() + t.status().map(st -> ":" + st.getState()).orElse("")).toList();
        assertThat(story).containsExactly("LAUNCH", "UPDATE:TASK_STARTING", "UPDATE:TASK_RUNNING", "KILL",
                "UPDATE:TASK_KILLING", "UPDATE:TASK_KILLED");
        assertThat(seen).allMatch(t -> t.frameworkId().equals(s.frameworkId.getValue()));
        assertThat(seen).extracting(SchedulerTraffic::at).isSorted();
    }
}
