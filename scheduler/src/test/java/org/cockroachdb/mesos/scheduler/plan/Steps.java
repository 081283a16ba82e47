package org.cockroachdb.mesos.scheduler.plan;

/** Hand-made steps for plan tests. */
final class Steps {

    private Steps() {
    }

    static Step step(String name, Status status) {
        return new Step(PlanIds.step("test", "phase", name), name, status, "", name);
    }
}
