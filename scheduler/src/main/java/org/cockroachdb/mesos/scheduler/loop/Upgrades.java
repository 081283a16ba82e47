package org.cockroachdb.mesos.scheduler.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.cockroach.UpgradeJobs;
import org.cockroachdb.mesos.scheduler.config.ReleaseSeries;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.mesos.JobTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.DecommissionPlan.StepState;
import org.cockroachdb.mesos.scheduler.plan.FinalizePlan;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.DesiredNode;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/**
 * What a major upgrade takes next, decided from the target, the stored node tasks and the stored
 * {@link UpgradeRecord} alone (pure; the loop persists, then acts). An upgrade is recognised from
 * the nodes themselves (they were launched for the previous major), so a scheduler that stored the
 * new target and died before anything else still preserves the downgrade option first.
 */
final class Upgrades {

    private Upgrades() {
    }

    /** The oldest release series the desired nodes were launched with; empty before any launch. */
    static Optional<ReleaseSeries> runningSeries(int nodeCount, Map<String, TaskRecord> tasks) {
        Optional<ReleaseSeries> oldest = Optional.empty();
        for (DesiredNode node : NodePods.desired(nodeCount)) {
            Optional<ReleaseSeries> series = Optional.ofNullable(tasks.get(node.taskName())).flatMap(Upgrades::series);
            if (series.isPresent() && (oldest.isEmpty() || series.get().compareTo(oldest.get()) < 0)) {
                oldest = series;
            }
        }
        return oldest;
    }

    /** The release a node task was launched with, as its launch spec names it. */
    static Optional<String> version(TaskRecord record) {
        try {
            return Optional.of(LaunchSpec.fromJson(StoredTasks.info(record).getData().toByteArray()).expectedVersion());
        } catch (RuntimeException e) {
            return Optional.empty(); // not a node's launch spec
        }
    }

    static Optional<ReleaseSeries> series(TaskRecord record) {
        return version(record).flatMap(Upgrades::seriesOf);
    }

    static Optional<ReleaseSeries> seriesOf(String version) {
        Matcher m = LaunchSpec.VERSION.matcher(version);
        return m.matches() ? Optional.of(new ReleaseSeries(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    /**
     * The record to store now, if the upgrade's state moved without any job: nodes launched for the
     * previous major of the target start an upgrade (PRESERVING); a target back on the series an
     * unfinalized upgrade came from ends it (ROLLED_BACK).
     */
    static Optional<UpgradeRecord> transition(ServiceConfig config, Map<String, TaskRecord> tasks,
            Optional<UpgradeRecord> stored) {
        ReleaseSeries target = config.cockroachVersion().series();
        if (stored.isPresent() && stored.get().open() && stored.get().from().equals(target)) {
            return Optional.of(stored.get().at(UpgradeRecord.Stage.ROLLED_BACK));
        }
        Optional<ReleaseSeries> running = runningSeries(config.nodeCount(), tasks);
        if (running.isEmpty() || !running.get().isOneMajorStepTo(target)) {
            return Optional.empty();
        }
        boolean known = stored.filter(r -> r.from().equals(running.get()) && r.to().equals(target)
                && r.stage() != UpgradeRecord.Stage.ROLLED_BACK).isPresent();
        return known ? Optional.empty() : Optional.of(UpgradeRecord.preserving(running.get(), target));
    }

    /** No node may start on the new major (nor the rolling update take one down) until this is false. */
    static boolean holdsNodes(Optional<UpgradeRecord> record) {
        return record.filter(r -> r.stage() == UpgradeRecord.Stage.PRESERVING).isPresent();
    }

    /** The job the upgrade needs now, by name; empty when none. */
    static Optional<String> job(Optional<UpgradeRecord> record) {
        return record.flatMap(r -> switch (r.stage()) {
            case PRESERVING -> Optional.of(JobTaskInfos.PRESERVE_DOWNGRADE_JOB);
            case FINALIZING -> Optional.of(JobTaskInfos.RESET_PRESERVE_DOWNGRADE_JOB);
            case VERIFYING -> Optional.of(JobTaskInfos.SHOW_VERSION_JOB);
            default -> Optional.empty();
        });
    }

    static JobSpec jobSpec(String job, ServiceConfig config, UpgradeRecord record, int hostPodIndex, String hostName) {
        return switch (job) {
            case JobTaskInfos.PRESERVE_DOWNGRADE_JOB -> UpgradeJobs.preserveDowngrade(config, record.from(),
                    hostPodIndex, hostName);
            case JobTaskInfos.RESET_PRESERVE_DOWNGRADE_JOB -> UpgradeJobs.resetPreserveDowngrade(config, hostPodIndex,
                    hostName);
            case JobTaskInfos.SHOW_VERSION_JOB -> UpgradeJobs.showVersion(config, hostPodIndex, hostName);
            default -> throw new IllegalArgumentException("not an upgrade job: " + job);
        };
    }

    /** What a finished job means for the record. */
    record AfterJob(UpgradeRecord record, Optional<String> retry) {}

    /**
     * @param output the job's last line of output (its TASK_FINISHED message)
     */
    static AfterJob finished(UpgradeRecord record, String job, String output) {
        return switch (job) {
            case JobTaskInfos.PRESERVE_DOWNGRADE_JOB -> new AfterJob(record.at(UpgradeRecord.Stage.ROLLING),
                    Optional.empty());
            case JobTaskInfos.RESET_PRESERVE_DOWNGRADE_JOB -> new AfterJob(record.at(UpgradeRecord.Stage.VERIFYING),
                    Optional.empty());
            case JobTaskInfos.SHOW_VERSION_JOB -> {
                String version = output.strip();
                UpgradeRecord read = record.read(version);
                yield version.equals(record.to().clusterVersion())
                        ? new AfterJob(read.at(UpgradeRecord.Stage.FINALIZED), Optional.empty())
                        : new AfterJob(read, Optional.of("the cluster version is still " + version + ", not "
                                + record.to().clusterVersion() + " (its migrations may still run)"));
            }
            default -> throw new IllegalArgumentException("not an upgrade job: " + job);
        };
    }

    /**
     * Why the upgrade may not be finalized now; empty when it may. Finalization is final, and it
     * stalls on a dead node that is not decommissioned: every node must run the new major and be
     * ready, and no node may be on its way out.
     *
     * @param removing a node is being decommissioned (a scale-down or a replaced node's old id)
     */
    static List<String> finalizeBlockers(ServiceConfig config, UpgradeRecord record, Map<String, TaskRecord> tasks,
            boolean removing) {
        List<String> blockers = new ArrayList<>();
        if (record.stage() == UpgradeRecord.Stage.PRESERVING) {
            blockers.add(UpgradeJobs.PRESERVE_DOWNGRADE + " is not set yet");
        }
        for (DesiredNode node : NodePods.desired(config.nodeCount())) {
            TaskRecord task = tasks.get(node.taskName());
            if (task == null) {
                blockers.add(node.podName() + " is not launched yet");
                continue;
            }
            Optional<ReleaseSeries> series = series(task);
            if (!series.equals(Optional.of(record.to()))) {
                blockers.add(node.podName() + " runs " + version(task).orElse("an unknown version") + ", not "
                        + record.to());
            } else if (!StoredTasks.isUp(task)) {
                blockers.add(node.podName() + " is not running and ready (a dead node that is not decommissioned"
                        + " stalls finalization)");
            }
        }
        if (removing) {
            blockers.add("a node is being decommissioned (see the decommission and replace plans)");
        }
        return blockers;
    }

    /** How an upgrade job is doing, for the messages. */
    record JobProgress(boolean running, Optional<String> delayed, Optional<String> lastFailure) {}

    /** The deploy plan's {@code preserve-downgrade} step. */
    static StepState preserveStep(UpgradeRecord record, JobProgress job) {
        String set = UpgradeJobs.PRESERVE_DOWNGRADE + " = '" + record.from().clusterVersion() + "'";
        if (record.stage() != UpgradeRecord.Stage.PRESERVING) {
            return new StepState(Status.COMPLETE, set + " (upgrade " + record.from() + " to " + record.to() + ")");
        }
        return jobState("setting " + set + "; no node restarts on " + record.to() + " before it is set", job);
    }

    /**
     * The finalize plan.
     *
     * @param blockers     why finalization may not start (see {@link #finalizeBlockers})
     * @param autoFinalize AUTO_FINALIZE_UPGRADE
     * @param gateWait     why the health gate holds an automatic finalization back, if it does
     */
    static Plan finalizePlan(Optional<UpgradeRecord> record, List<String> blockers, boolean autoFinalize,
            Optional<String> gateWait, JobProgress job) {
        if (record.isEmpty()) {
            StepState none = new StepState(Status.COMPLETE, "no major upgrade awaits finalization");
            return FinalizePlan.of(none, none);
        }
        UpgradeRecord r = record.get();
        String version = "SHOW CLUSTER SETTING version reports " + r.to().clusterVersion();
        return switch (r.stage()) {
            case FINALIZED -> FinalizePlan.of(new StepState(Status.COMPLETE, UpgradeJobs.PRESERVE_DOWNGRADE + " reset"),
                    new StepState(Status.COMPLETE, version + "; the upgrade from " + r.from() + " is finalized"));
            case ROLLED_BACK -> {
                StepState back = new StepState(Status.COMPLETE, "the upgrade from " + r.from() + " to " + r.to()
                        + " was rolled back before finalization; nothing to finalize");
                yield FinalizePlan.of(back, back);
            }
            case FINALIZING -> FinalizePlan.of(jobState("resetting " + UpgradeJobs.PRESERVE_DOWNGRADE, job),
                    new StepState(Status.PENDING, "waiting for " + UpgradeJobs.PRESERVE_DOWNGRADE + " to be reset"));
            case VERIFYING -> FinalizePlan.of(new StepState(Status.COMPLETE, UpgradeJobs.PRESERVE_DOWNGRADE + " reset"),
                    jobState("waiting until SHOW CLUSTER SETTING version reports " + r.to().clusterVersion()
                            + r.lastVersion().map(v -> " (last read: " + v + ")").orElse(""), job));
            case PRESERVING, ROLLING -> {
                String how = autoFinalize ? "finalized automatically (AUTO_FINALIZE_UPGRADE)"
                        : "finalized by `plan start finalize`";
                String message;
                if (!blockers.isEmpty()) {
                    message = "the upgrade from " + r.from() + " to " + r.to() + " cannot be finalized yet: "
                            + String.join("; ", blockers);
                } else if (autoFinalize) {
                    message = "every node runs " + r.to() + "; " + how + gateWait.map(w -> " once the cluster health"
                            + " gate passes: " + w).orElse(" once the cluster health gate passes");
                } else {
                    message = "every node runs " + r.to() + "; waiting for `plan start finalize` (after it there is"
                            + " no way back to " + r.from() + ")";
                }
                yield FinalizePlan.of(new StepState(Status.PENDING, message),
                        new StepState(Status.PENDING, "waiting for the upgrade to be " + how),
                        blockers.isEmpty() && !autoFinalize);
            }
        };
    }

    private static StepState jobState(String doing, JobProgress job) {
        if (job.running()) {
            return new StepState(Status.STARTING, doing);
        }
        if (job.delayed().isPresent()) {
            return new StepState(Status.DELAYED, doing + ": the last attempt failed"
                    + job.lastFailure().map(f -> " (" + f + ")").orElse("") + "; " + job.delayed().get());
        }
        return new StepState(Status.PENDING, doing + ": waiting for an offer"
                + job.lastFailure().map(f -> " (last attempt: " + f + ")").orElse(""));
    }
}
