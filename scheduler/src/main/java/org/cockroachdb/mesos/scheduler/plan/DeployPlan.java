package org.cockroachdb.mesos.scheduler.plan;
import java.util.List;
import java.util.Map;
import java.util.Set;
public final class DeployPlan {
    public static Plan of(List<DesiredNode> desired, long targetRevision, Map<String, ObservedTask> observedByTask,
            Set<String> inFlightTasks, Map<String, String> delayedTasks, List<String> errors) { return null; }
}
