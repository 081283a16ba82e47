package org.cockroachdb.mesos.scheduler.plan;
import java.util.List;
public record Plan(String name, Strategy strategy, List<Phase> phases, List<String> errors, boolean interrupted) {
    public Status status() { return null; }
    public List<Step> candidates() { return null; }
}
