package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.junit.jupiter.api.Test;

/** Which node a rolling update takes down next, and when none may go. */
class RollingUpdateOrderTest {

    private static TaskRecord node(int index, long revision, TaskState state, boolean ready) {
        String name = NodePods.taskName(index);
        TaskInfo info = TaskInfo.newBuilder().setName(name).setTaskId(TaskID.newBuilder().setValue(name + "__1"))
                .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("agent-" + index))
                .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey(NodeTaskInfos.REVISION_LABEL)
                        .setValue(Long.toString(revision))))
                .build();
        TaskStatus status = TaskStatus.newBuilder().setTaskId(info.getTaskId()).setState(state).build();
        return new TaskRecord(name, info.toByteString(), Optional.of(status.toByteString()), Optional.empty(), ready);
    }

    @Test
    void theLowestPodOnAnOlderRevisionGoesFirstOnlyOnceTheGatePassed() {
        List<TaskRecord> nodes = List.of(node(0, 2, TaskState.TASK_RUNNING, true),
                node(1, 1, TaskState.TASK_RUNNING, true), node(2, 1, TaskState.TASK_RUNNING, true));

        assertThat(RollingUpdate.pending(2, nodes)).isTrue();
        assertThat(RollingUpdate.next(3, 2, nodes, Set.of(), true)).contains("cockroachdb-1-node-join");
        assertThat(RollingUpdate.next(3, 2, nodes, Set.of(), false)).isEmpty();
        assertThat(RollingUpdate.next(3, 2, nodes, Set.of("cockroachdb-0-node-init"), true)).isEmpty();
    }

    @Test
    void noNodeGoesWhileAnotherIsDownOrNotReady() {
        assertThat(RollingUpdate.next(3, 2, List.of(node(0, 2, TaskState.TASK_KILLED, false),
                node(1, 1, TaskState.TASK_RUNNING, true), node(2, 1, TaskState.TASK_RUNNING, true)), Set.of(), true))
                .isEmpty();
        assertThat(RollingUpdate.next(3, 2, List.of(node(0, 2, TaskState.TASK_RUNNING, false),
                node(1, 1, TaskState.TASK_RUNNING, true), node(2, 1, TaskState.TASK_RUNNING, true)), Set.of(), true))
                .isEmpty();
        assertThat(RollingUpdate.next(3, 2, List.of(node(0, 2, TaskState.TASK_RUNNING, true),
                node(1, 1, TaskState.TASK_RUNNING, true)), Set.of(), true)).as("a node missing").isEmpty();
    }

    @Test
    void nothingIsPendingWhenEveryNodeRunsTheTarget() {
        List<TaskRecord> nodes = List.of(node(0, 2, TaskState.TASK_RUNNING, true),
                node(1, 2, TaskState.TASK_RUNNING, true), node(2, 2, TaskState.TASK_RUNNING, true));

        assertThat(RollingUpdate.pending(2, nodes)).isFalse();
        assertThat(RollingUpdate.next(3, 2, nodes, Set.of(), true)).isEmpty();
    }

    @Test
    void aRunningJobTaskIsNoNodeOnAnOlderRevision() {
        TaskInfo job = TaskInfo.newBuilder().setName("decommission-node-5").setTaskId(TaskID.newBuilder().setValue("job__1"))
                .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("agent-0")).build();
        TaskStatus running = TaskStatus.newBuilder().setTaskId(job.getTaskId()).setState(TaskState.TASK_RUNNING).build();
        List<TaskRecord> records = List.of(node(0, 2, TaskState.TASK_RUNNING, true), node(1, 2, TaskState.TASK_RUNNING, true),
                node(2, 2, TaskState.TASK_RUNNING, true), new TaskRecord("decommission-node-5", job.toByteString(),
                        Optional.of(running.toByteString()), Optional.empty(), false));

        assertThat(RollingUpdate.pending(2, records)).as("a job carries no revision label").isFalse();
    }
}
