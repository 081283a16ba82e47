package org.cockroachdb.mesos.executor.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.Optional;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.junit.jupiter.api.Test;

class CheckStateTest {
    @Test
    void readinessReportsOnlyRealChanges() {
        assertThat(Readiness.PENDING.after(false)).isEqualTo(Readiness.PENDING);
        assertThat(Readiness.PENDING.after(true)).isEqualTo(Readiness.PASSED);
        assertThat(Readiness.PASSED.after(false)).isEqualTo(Readiness.FAILING);
        assertThat(Readiness.FAILING.after(true)).isEqualTo(Readiness.PASSED);
    }

    @Test
    void healthCountsFailuresInARow() {
        HealthCounter c = HealthCounter.initial(3);
        HealthCounter healthy = c.after(true);
        assertThat(healthy.changedFrom(c)).isTrue();
        assertThat(healthy.healthy()).contains(true);
        HealthCounter one = healthy.after(false);
        assertThat(one.changedFrom(healthy)).isTrue();
        HealthCounter two = one.after(false);
        assertThat(two.changedFrom(one)).isFalse();
        assertThat(two.exhausted()).isFalse();
        assertThat(two.after(true).consecutiveFailures()).isZero();
        assertThat(two.after(false).exhausted()).isTrue();
    }

    @Test
    void killGraceComesFromTheEventThenTheTaskThenTheDefault() {
        TaskInfo bare = TaskInfo.getDefaultInstance();
        TaskInfo withPolicy = TaskInfo.newBuilder().setKillPolicy(policy(20)).buildPartial();
        assertThat(KillGrace.of(null, bare)).isEqualTo(Duration.ofSeconds(300));
        assertThat(KillGrace.of(null, withPolicy)).isEqualTo(Duration.ofSeconds(20));
        assertThat(KillGrace.of(policy(7), withPolicy)).isEqualTo(Duration.ofSeconds(7));
        assertThat(KillGrace.of(KillPolicy.getDefaultInstance(), withPolicy)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void everyUpdateCarriesEverythingKnown() {
        NodeStatus s = NodeStatus.initial(TaskID.newBuilder().setValue("t").build())
                .withNodeId(4).withClusterInitDone().withReadiness(Readiness.PASSED).withHealthy(Optional.of(true));
        TaskStatus ready = s.readinessUpdate(200);
        assertThat(ready.getState()).isEqualTo(TaskState.TASK_RUNNING);
        assertThat(ready.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED);
        assertThat(ready.getCheckStatus().getHttp().getStatusCode()).isEqualTo(200);
        assertThat(ready.getHealthy()).isTrue();
        assertThat(ready.getLabels().getLabelsList()).extracting(Label::getKey, Label::getValue).containsExactly(
                org.assertj.core.groups.Tuple.tuple(StatusLabels.READINESS, "passed"),
                org.assertj.core.groups.Tuple.tuple(StatusLabels.NODE_ID, "4"),
                org.assertj.core.groups.Tuple.tuple(StatusLabels.CLUSTER_INIT, "done"));
        assertThat(ready.getUuid()).isEqualTo(ByteString.EMPTY); // the client stamps it
    }

    private static KillPolicy policy(long seconds) {
        return KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(seconds * 1_000_000_000L))
                .build();
    }
}
