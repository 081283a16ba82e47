package org.cockroachdb.mesos.scheduler.plan;
import java.util.Optional;
public record ObservedTask(String taskName, String podName, Optional<String> state, long configRevision, boolean ready, String message) {}
