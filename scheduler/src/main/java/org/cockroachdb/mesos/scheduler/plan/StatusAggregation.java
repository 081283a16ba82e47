package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;

/** The one rule that turns step statuses into a phase or plan status. */
final class StatusAggregation {

    private StatusAggregation() {
    }

    static Status of(List<Step> steps, List<String> errors, boolean interrupted) {
        if (!errors.isEmpty() || steps.stream().anyMatch(s -> s.status() == Status.ERROR)) {
            return Status.ERROR;
        }
        if (steps.stream().allMatch(s -> s.status() == Status.COMPLETE)) {
            return Status.COMPLETE;
        }
        if (interrupted) {
            return Status.WAITING;
        }
        if (steps.stream().anyMatch(s -> s.status() != Status.PENDING)) {
            return Status.IN_PROGRESS;
        }
        return Status.PENDING;
    }
}
