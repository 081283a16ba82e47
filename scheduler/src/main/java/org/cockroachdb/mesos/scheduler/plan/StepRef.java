package org.cockroachdb.mesos.scheduler.plan;

import java.util.Comparator;
import java.util.Objects;

/**
 * A step of a plan by phase name and step name. Names, not ids: they are what the operator typed
 * and what stays the same when the plan is rebuilt.
 */
public record StepRef(String phase, String step) implements Comparable<StepRef> {

    private static final Comparator<StepRef> ORDER = Comparator.comparing(StepRef::phase).thenComparing(StepRef::step);

    public StepRef {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(step, "step");
    }

    @Override
    public int compareTo(StepRef other) {
        return ORDER.compare(this, other);
    }
}
