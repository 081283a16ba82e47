package org.cockroachdb.mesos.scheduler.mesos;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.junit.jupiter.api.Test;

class StatusReportsTest {

    private static TaskStatus status(TaskState state, String... labels) {
        Labels.Builder b = Labels.newBuilder();
        for (int i = 0; i < labels.length; i += 2) {
            b.addLabels(Label.newBuilder().setKey(labels[i]).setValue(labels[i + 1]));
        }
        return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t")).setState(state).setLabels(b).build();
    }

    @Test
    void readinessComesFromTheExecutorsLabelAndOnlyARunningTaskIsReady() {
        assertThat(StatusReports.ready(status(TaskState.TASK_RUNNING, StatusLabels.READINESS,
                StatusLabels.READINESS_PASSED), false)).isTrue();
        assertThat(StatusReports.ready(status(TaskState.TASK_RUNNING, StatusLabels.READINESS, "pending"), true)).isFalse();
        assertThat(StatusReports.ready(status(TaskState.TASK_FAILED, StatusLabels.READINESS,
                StatusLabels.READINESS_PASSED), true)).isFalse();
    }

    @Test
    void aRunningStatusWithoutTheLabelKeepsWhatWasKnown() {
        assertThat(StatusReports.ready(status(TaskState.TASK_RUNNING), true)).isTrue();
        assertThat(StatusReports.ready(status(TaskState.TASK_RUNNING), false)).isFalse();
    }

    @Test
    void anUnreachableAgentKeepsWhatWasKnownForWhenItComesBack() {
        assertThat(StatusReports.ready(status(TaskState.TASK_UNREACHABLE), true)).isTrue();
        assertThat(StatusReports.ready(status(TaskState.TASK_UNREACHABLE), false)).isFalse();
        assertThat(StatusReports.ready(status(TaskState.TASK_LOST), true)).isFalse();
    }

    @Test
    void nodeIdAndInitAreRead() {
        TaskStatus s = status(TaskState.TASK_RUNNING, StatusLabels.NODE_ID, "4", StatusLabels.CLUSTER_INIT,
                StatusLabels.CLUSTER_INIT_DONE);
        assertThat(StatusReports.nodeId(s)).contains("4");
        assertThat(StatusReports.initializedCluster(s)).isTrue();
        assertThat(StatusReports.initializedCluster(status(TaskState.TASK_RUNNING))).isFalse();
    }

    @Test
    void terminalStatesAreThoseAfterWhichNothingRuns() {
        assertThat(StatusReports.isTerminal(TaskState.TASK_FAILED)).isTrue();
        assertThat(StatusReports.isTerminal(TaskState.TASK_GONE_BY_OPERATOR)).isTrue();
        assertThat(StatusReports.isTerminal(TaskState.TASK_UNREACHABLE)).isFalse();
        assertThat(StatusReports.isTerminal(TaskState.TASK_KILLING)).isFalse();
    }
}
