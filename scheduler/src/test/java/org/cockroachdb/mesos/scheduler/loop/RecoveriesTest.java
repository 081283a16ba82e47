package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.TimeInfo;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.junit.jupiter.api.Test;

class RecoveriesTest {

    private static final String TASK = "cockroachdb-1-node-join";
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:30Z");
    private static final Instant UNREACHABLE_AT = Instant.parse("2026-03-01T10:00:00Z");

    private static TaskRecord record(long revision, TaskState state, boolean ready) {
        TaskInfo info = TaskInfo.newBuilder().setName(TASK).setTaskId(TaskID.newBuilder().setValue("t1"))
                .setAgentId(AgentID.newBuilder().setValue("a1"))
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey(NodeTaskInfos.REVISION_LABEL)
                        .setValue(Long.toString(revision))))
                .build();
        return TaskRecord.launching(TASK, info.toByteString()).withLastStatus(status(state).toByteString())
                .withReady(ready);
    }

    private static TaskStatus status(TaskState state) {
        TaskStatus.Builder b = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t1")).setState(state);
        if (state == TaskState.TASK_UNREACHABLE) {
            b.setUnreachableTime(TimeInfo.newBuilder().setNanoseconds(UNREACHABLE_AT.toEpochMilli() * 1_000_000L));
        }
        return b.build();
    }

    private static Map<String, String> placed() {
        Map<String, String> properties = new HashMap<>();
        properties.put(SchedulerLoop.PLACED_PROPERTY_PREFIX + TASK, "a1");
        return properties;
    }

    private static Recoveries.Marks after(TaskRecord record, Map<String, String> properties) {
        return Recoveries.afterStatus(record, StoredTasks.status(record).orElseThrow(), properties, NOW);
    }

    @Test
    void aTaskReadyOnARevisionIsMarkedDeployedOnItOnce() {
        Map<String, String> properties = placed();
        assertThat(after(record(4, TaskState.TASK_RUNNING, true), properties).store())
                .containsExactly(Map.entry(Recoveries.DEPLOYED_PREFIX + TASK, "4"));
        properties.put(Recoveries.DEPLOYED_PREFIX + TASK, "4");
        assertThat(after(record(4, TaskState.TASK_RUNNING, true), properties).isEmpty()).isTrue();
        assertThat(after(record(5, TaskState.TASK_RUNNING, true), properties).store())
                .containsEntry(Recoveries.DEPLOYED_PREFIX + TASK, "5");
        assertThat(after(record(5, TaskState.TASK_RUNNING, false), placed()).isEmpty()).as("not ready yet").isTrue();
    }

    @Test
    void theDeployStepIsRecoverysOnlyOnceTheTaskRanReadyOnTheCurrentTarget() {
        Map<String, String> properties = Map.of(Recoveries.DEPLOYED_PREFIX + TASK, "4");
        assertThat(Recoveries.deployed(record(4, TaskState.TASK_FAILED, false), properties, 4)).isTrue();
        assertThat(Recoveries.deployed(record(4, TaskState.TASK_FAILED, false), properties, 5))
                .as("the update is the deploy plan's").isFalse();
        assertThat(Recoveries.deployed(record(5, TaskState.TASK_FAILED, false), properties, 5))
                .as("relaunched on the new target, never ready on it").isFalse();
        assertThat(Recoveries.deployed(record(4, TaskState.TASK_FAILED, false), Map.of(), 4)).isFalse();
        assertThat(Recoveries.deployed(null, properties, 4)).isFalse();
    }

    @Test
    void lostSinceIsTheMastersUnreachableTimeAndIsNeverMovedWhileLost() {
        Map<String, String> properties = placed();
        Recoveries.Marks first = after(record(4, TaskState.TASK_UNREACHABLE, true), properties);
        assertThat(first.store()).containsExactly(Map.entry(Recoveries.LOST_SINCE_PREFIX + TASK, UNREACHABLE_AT.toString()));
        properties.putAll(first.store());
        // the same answer again, e.g. to a restarted scheduler's reconciliation: the clock stays
        assertThat(Recoveries.afterStatus(record(4, TaskState.TASK_UNREACHABLE, true),
                status(TaskState.TASK_UNREACHABLE), properties, NOW.plusSeconds(3600)).isEmpty()).isTrue();
        assertThat(Recoveries.lostSince(properties, TASK)).contains(UNREACHABLE_AT);
    }

    @Test
    void aGoneAgentIsLostFromWhenItWasSeenGone() {
        assertThat(after(record(4, TaskState.TASK_GONE_BY_OPERATOR, false), placed()).store())
                .containsExactly(Map.entry(Recoveries.LOST_SINCE_PREFIX + TASK, NOW.toString()));
        assertThat(after(record(4, TaskState.TASK_UNKNOWN, false), placed()).store())
                .containsKey(Recoveries.LOST_SINCE_PREFIX + TASK);
    }

    @Test
    void aLaunchNoAgentEverConfirmedIsNotALostAgent() {
        assertThat(after(record(4, TaskState.TASK_GONE, false), new HashMap<>()).isEmpty()).isTrue();
    }

    @Test
    void anyOtherStateEndsTheLoss() {
        Map<String, String> properties = placed();
        properties.put(Recoveries.LOST_SINCE_PREFIX + TASK, UNREACHABLE_AT.toString());
        assertThat(after(record(4, TaskState.TASK_RUNNING, false), properties).delete())
                .containsExactly(Recoveries.LOST_SINCE_PREFIX + TASK);
        assertThat(after(record(4, TaskState.TASK_FAILED, false), properties).delete())
                .containsExactly(Recoveries.LOST_SINCE_PREFIX + TASK);
    }

    @Test
    void aReplacedPodMayLeaveAnUnreachableTaskBehindButNothingElseMayLaunchOverALiveOne() {
        assertThat(Recoveries.mayRelaunch(record(4, TaskState.TASK_UNREACHABLE, true), true)).isTrue();
        assertThat(Recoveries.mayRelaunch(record(4, TaskState.TASK_UNREACHABLE, true), false)).isFalse();
        assertThat(Recoveries.mayRelaunch(record(4, TaskState.TASK_RUNNING, true), true)).isFalse();
        assertThat(Recoveries.mayRelaunch(record(4, TaskState.TASK_FAILED, false), false)).isTrue();
        assertThat(Recoveries.mayRelaunch(null, false)).isTrue();
    }

    @Test
    void marksOfTasksNoLongerStoredAreStale() {
        Map<String, String> properties = Map.of(Recoveries.DEPLOYED_PREFIX + TASK, "4",
                Recoveries.DEPLOYED_PREFIX + "cockroachdb-3-node-join", "4",
                Recoveries.LOST_SINCE_PREFIX + "cockroachdb-3-node-join", NOW.toString(), "cluster-initialized", "true");
        assertThat(Recoveries.stale(Set.of(TASK), properties)).containsExactly(
                Recoveries.DEPLOYED_PREFIX + "cockroachdb-3-node-join",
                Recoveries.LOST_SINCE_PREFIX + "cockroachdb-3-node-join");
        assertThat(Recoveries.forgotten(TASK, properties)).containsExactly(Recoveries.DEPLOYED_PREFIX + TASK);
    }
}
