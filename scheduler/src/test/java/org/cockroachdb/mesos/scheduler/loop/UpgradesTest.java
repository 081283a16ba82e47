package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.config.ReleaseSeries;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.mesos.JobTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.FinalizePlan;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

/**
 * What a major upgrade does next from every stage a scheduler may find stored after a crash, what
 * holds finalization back, and how the deploy and finalize plans show it.
 */
class UpgradesTest {

    private static final ReleaseSeries V22_2 = new ReleaseSeries(22, 2);
    private static final ReleaseSeries V23_1 = new ReleaseSeries(23, 1);
    private static final Upgrades.JobProgress IDLE = new Upgrades.JobProgress(false, Optional.empty(),
            Optional.empty());

    private static ServiceConfig config(String version, boolean autoFinalize) {
        return ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(Map.of("NODE_COUNT", "3", "COCKROACH_VERSION",
                version, "AUTO_FINALIZE_UPGRADE", Boolean.toString(autoFinalize), "NODE_ADDRESSING", "agent-ip")))
                .config();
    }

    private static TaskRecord node(int index, String version, boolean up) {
        String name = NodePods.taskName(index);
        LaunchSpec spec = new LaunchSpec("cockroach", version, "cockroach-data", "", "agent-" + index, 26257, 8080,
                List.of("agent-0:26257"), 1, 1, LaunchSpec.SecurityMode.INSECURE, false, LaunchSpec.Checks.DEFAULTS);
        TaskInfo info = TaskInfo.newBuilder().setName(name).setTaskId(TaskID.newBuilder().setValue(name + "__1"))
                .setAgentId(AgentID.newBuilder().setValue("agent-" + index))
                .setData(ByteString.copyFrom(spec.toJson())).build();
        TaskStatus status = TaskStatus.newBuilder().setTaskId(info.getTaskId())
                .setState(up ? TaskState.TASK_RUNNING : TaskState.TASK_FAILED).build();
        return new TaskRecord(name, info.toByteString(), Optional.of(status.toByteString()),
                Optional.of(Integer.toString(index + 1)), up);
    }

    private static Map<String, TaskRecord> nodes(String v0, String v1, String v2) {
        Map<String, TaskRecord> tasks = new HashMap<>();
        for (TaskRecord r : List.of(node(0, v0, true), node(1, v1, true), node(2, v2, true))) {
            tasks.put(r.taskName(), r);
        }
        return tasks;
    }

    private static UpgradeRecord at(UpgradeRecord.Stage stage) {
        return UpgradeRecord.preserving(V22_2, V23_1).at(stage);
    }

    @Test
    void nodesOnThePreviousMajorStartAnUpgradeThatHoldsEveryNodeUntilTheOptionIsSet() {
        Optional<UpgradeRecord> started = Upgrades.transition(config("v23.1.11", false),
                nodes("v22.2.15", "v22.2.15", "v22.2.15"), Optional.empty());

        assertThat(started).contains(UpgradeRecord.preserving(V22_2, V23_1));
        assertThat(Upgrades.holdsNodes(started)).isTrue();
        assertThat(Upgrades.job(started)).contains(JobTaskInfos.PRESERVE_DOWNGRADE_JOB);
        assertThat(Upgrades.transition(config("v23.1.11", false), nodes("v22.2.15", "v23.1.11", "v23.1.11"),
                started)).as("already recorded: nothing new").isEmpty();
    }

    @Test
    void aPatchChangeAFirstInstallAndAFinishedUpgradeStartNothing() {
        assertThat(Upgrades.transition(config("v23.1.12", false), nodes("v23.1.11", "v23.1.11", "v23.1.11"),
                Optional.empty())).isEmpty();
        assertThat(Upgrades.transition(config("v23.1.11", false), Map.of(), Optional.empty())).isEmpty();
        assertThat(Upgrades.transition(config("v23.1.11", false), nodes("v23.1.11", "v23.1.11", "v23.1.11"),
                Optional.of(at(UpgradeRecord.Stage.FINALIZED)))).isEmpty();
    }

    @Test
    void aTargetBackOnTheOldMajorRollsAnOpenUpgradeBackAndAnUpgradeAgainStartsAfresh() {
        Optional<UpgradeRecord> back = Upgrades.transition(config("v22.2.15", false),
                nodes("v23.1.11", "v22.2.15", "v22.2.15"), Optional.of(at(UpgradeRecord.Stage.ROLLING)));
        assertThat(back).contains(at(UpgradeRecord.Stage.ROLLING).at(UpgradeRecord.Stage.ROLLED_BACK));
        assertThat(Upgrades.holdsNodes(back)).isFalse();

        assertThat(Upgrades.transition(config("v23.1.11", false), nodes("v22.2.15", "v22.2.15", "v22.2.15"), back))
                .contains(UpgradeRecord.preserving(V22_2, V23_1));
    }

    @Test
    void eachStoredStageRunsItsOwnJobAndOnlyThat() {
        assertThat(Upgrades.job(Optional.of(at(UpgradeRecord.Stage.PRESERVING))))
                .contains(JobTaskInfos.PRESERVE_DOWNGRADE_JOB);
        assertThat(Upgrades.job(Optional.of(at(UpgradeRecord.Stage.ROLLING)))).isEmpty();
        assertThat(Upgrades.job(Optional.of(at(UpgradeRecord.Stage.FINALIZING))))
                .contains(JobTaskInfos.RESET_PRESERVE_DOWNGRADE_JOB);
        assertThat(Upgrades.job(Optional.of(at(UpgradeRecord.Stage.VERIFYING))))
                .contains(JobTaskInfos.SHOW_VERSION_JOB);
        assertThat(Upgrades.job(Optional.of(at(UpgradeRecord.Stage.FINALIZED)))).isEmpty();
        assertThat(Upgrades.job(Optional.of(at(UpgradeRecord.Stage.ROLLED_BACK)))).isEmpty();
        for (UpgradeRecord.Stage stage : UpgradeRecord.Stage.values()) {
            assertThat(Upgrades.holdsNodes(Optional.of(at(stage)))).as(stage.name())
                    .isEqualTo(stage == UpgradeRecord.Stage.PRESERVING);
        }
    }

    @Test
    void theJobsRunCockroachSqlAgainstTheChosenLiveNode() {
        ServiceConfig config = config("v23.1.11", false);
        JobSpec.CockroachCommand preserve = (JobSpec.CockroachCommand) Upgrades.jobSpec(
                JobTaskInfos.PRESERVE_DOWNGRADE_JOB, config, at(UpgradeRecord.Stage.PRESERVING), 1, "agent-1");
        JobSpec.CockroachCommand reset = (JobSpec.CockroachCommand) Upgrades.jobSpec(
                JobTaskInfos.RESET_PRESERVE_DOWNGRADE_JOB, config, at(UpgradeRecord.Stage.FINALIZING), 0, "agent-0");
        JobSpec.CockroachCommand show = (JobSpec.CockroachCommand) Upgrades.jobSpec(
                JobTaskInfos.SHOW_VERSION_JOB, config, at(UpgradeRecord.Stage.VERIFYING), 0, "agent-0");

        assertThat(preserve.args()).containsExactly("sql", "--insecure", "--host=agent-1:26257", "--format=tsv", "-e",
                "SET CLUSTER SETTING cluster.preserve_downgrade_option = '22.2'");
        assertThat(reset.args()).containsExactly("sql", "--insecure", "--host=agent-0:26257", "--format=tsv", "-e",
                "RESET CLUSTER SETTING cluster.preserve_downgrade_option");
        assertThat(show.args()).endsWith("-e", "SHOW CLUSTER SETTING version");
        assertThat(preserve.cockroachBinary()).isEqualTo("cockroach-v23.1.11.linux-amd64/cockroach");
    }

    @Test
    void finishedJobsMoveTheStageOnAndTheVersionCheckRetriesUntilItReadsTheNewMajor() {
        assertThat(Upgrades.finished(at(UpgradeRecord.Stage.PRESERVING), JobTaskInfos.PRESERVE_DOWNGRADE_JOB, "SET CLUSTER SETTING")
                .record().stage()).isEqualTo(UpgradeRecord.Stage.ROLLING);
        assertThat(Upgrades.finished(at(UpgradeRecord.Stage.FINALIZING), JobTaskInfos.RESET_PRESERVE_DOWNGRADE_JOB,
                "RESET CLUSTER SETTING").record().stage()).isEqualTo(UpgradeRecord.Stage.VERIFYING);

        Upgrades.AfterJob early = Upgrades.finished(at(UpgradeRecord.Stage.VERIFYING), JobTaskInfos.SHOW_VERSION_JOB,
                "22.2-upgrading-to-23.1-step-010");
        assertThat(early.record().stage()).isEqualTo(UpgradeRecord.Stage.VERIFYING);
        assertThat(early.record().lastVersion()).contains("22.2-upgrading-to-23.1-step-010");
        assertThat(early.retry()).hasValueSatisfying(r -> assertThat(r).contains("still 22.2-upgrading"));

        Upgrades.AfterJob done = Upgrades.finished(at(UpgradeRecord.Stage.VERIFYING), JobTaskInfos.SHOW_VERSION_JOB,
                " 23.1 ");
        assertThat(done.record().stage()).isEqualTo(UpgradeRecord.Stage.FINALIZED);
        assertThat(done.retry()).isEmpty();
    }

    @Test
    void finalizationWaitsForEveryNodeOnTheNewMajorReadyAndNoNodeOnItsWayOut() {
        ServiceConfig config = config("v23.1.11", false);
        UpgradeRecord rolling = at(UpgradeRecord.Stage.ROLLING);
        Map<String, TaskRecord> mixed = nodes("v23.1.11", "v23.1.11", "v22.2.15");
        Map<String, TaskRecord> allNew = nodes("v23.1.11", "v23.1.11", "v23.1.11");
        Map<String, TaskRecord> oneDead = new HashMap<>(allNew);
        oneDead.put(NodePods.taskName(1), node(1, "v23.1.11", false));

        assertThat(Upgrades.finalizeBlockers(config, rolling, mixed, false))
                .containsExactly("cockroachdb-2 runs v22.2.15, not v23.1");
        assertThat(Upgrades.finalizeBlockers(config, rolling, oneDead, false)).singleElement()
                .satisfies(b -> assertThat(b).startsWith("cockroachdb-1 is not running and ready")
                        .contains("dead node that is not decommissioned"));
        assertThat(Upgrades.finalizeBlockers(config, rolling, allNew, true)).singleElement()
                .satisfies(b -> assertThat(b).contains("being decommissioned"));
        assertThat(Upgrades.finalizeBlockers(config, at(UpgradeRecord.Stage.PRESERVING), allNew, false))
                .containsExactly("cluster.preserve_downgrade_option is not set yet");
        assertThat(Upgrades.finalizeBlockers(config, rolling, allNew, false)).isEmpty();
    }

    @Test
    void theFinalizePlanIsCompleteWithoutAnUpgradeAndPendingWhileOneWaits() {
        Plan none = Upgrades.finalizePlan(Optional.empty(), List.of(), false, Optional.empty(), IDLE);
        assertThat(none.name()).isEqualTo(FinalizePlan.NAME);
        assertThat(none.status()).isEqualTo(Status.COMPLETE);
        assertThat(none.steps()).extracting(s -> s.name()).containsExactly("reset-preserve-downgrade",
                "verify-version");

        Plan blocked = Upgrades.finalizePlan(Optional.of(at(UpgradeRecord.Stage.ROLLING)),
                List.of("cockroachdb-2 runs v22.2.15, not v23.1"), false, Optional.empty(), IDLE);
        assertThat(blocked.status()).isEqualTo(Status.PENDING);
        assertThat(blocked.steps().get(0).message()).contains("cannot be finalized yet: cockroachdb-2 runs v22.2.15");

        Plan waiting = Upgrades.finalizePlan(Optional.of(at(UpgradeRecord.Stage.ROLLING)), List.of(), false,
                Optional.empty(), IDLE);
        assertThat(waiting.steps().get(0).message()).contains("waiting for `plan start finalize`");
        assertThat(waiting.status()).as("waits for the operator").isEqualTo(Status.WAITING);
        Plan auto = Upgrades.finalizePlan(Optional.of(at(UpgradeRecord.Stage.ROLLING)), List.of(), true,
                Optional.of("waiting for 2 under-replicated ranges on cockroachdb-1"), IDLE);
        assertThat(auto.steps().get(0).message()).contains("AUTO_FINALIZE_UPGRADE").contains("under-replicated");
        assertThat(auto.status()).isEqualTo(Status.PENDING);

        Plan resetting = Upgrades.finalizePlan(Optional.of(at(UpgradeRecord.Stage.FINALIZING)), List.of(), false,
                Optional.empty(), new Upgrades.JobProgress(true, Optional.empty(), Optional.empty()));
        assertThat(resetting.steps()).extracting(s -> s.status()).containsExactly(Status.STARTING, Status.PENDING);
        Plan verifying = Upgrades.finalizePlan(Optional.of(at(UpgradeRecord.Stage.VERIFYING).read("22.2")),
                List.of(), false, Optional.empty(), new Upgrades.JobProgress(false, Optional.of("retry in 4s"),
                        Optional.of("the cluster version is still 22.2")));
        assertThat(verifying.steps()).extracting(s -> s.status()).containsExactly(Status.COMPLETE, Status.DELAYED);
        assertThat(verifying.steps().get(1).message()).contains("last read: 22.2").contains("retry in 4s");
        assertThat(Upgrades.finalizePlan(Optional.of(at(UpgradeRecord.Stage.FINALIZED)), List.of(), false,
                Optional.empty(), IDLE).status()).isEqualTo(Status.COMPLETE);
        assertThat(Upgrades.finalizePlan(Optional.of(at(UpgradeRecord.Stage.ROLLED_BACK)), List.of(), false,
                Optional.empty(), IDLE).steps().get(0).message()).contains("rolled back");
    }

    @Test
    void thePreserveStepIsCompleteOnceTheStageMovedOn() {
        assertThat(Upgrades.preserveStep(at(UpgradeRecord.Stage.PRESERVING), IDLE).status()).isEqualTo(Status.PENDING);
        assertThat(Upgrades.preserveStep(at(UpgradeRecord.Stage.PRESERVING), IDLE).message())
                .contains("no node restarts on v23.1 before it is set");
        for (UpgradeRecord.Stage later : List.of(UpgradeRecord.Stage.ROLLING, UpgradeRecord.Stage.FINALIZING,
                UpgradeRecord.Stage.FINALIZED)) {
            assertThat(Upgrades.preserveStep(at(later), IDLE).status()).isEqualTo(Status.COMPLETE);
        }
    }

    @Test
    void theRecordSurvivesItsStoredForm() {
        UpgradeRecord record = at(UpgradeRecord.Stage.VERIFYING).read("22.2");
        assertThat(UpgradeRecord.decode(record.encode())).isEqualTo(record);
        assertThat(record.encode()).isEqualTo(
                "{\"from\":\"22.2\",\"to\":\"23.1\",\"stage\":\"VERIFYING\",\"lastVersion\":\"22.2\"}");
    }
}
