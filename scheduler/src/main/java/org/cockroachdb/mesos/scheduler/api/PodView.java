package org.cockroachdb.mesos.scheduler.api;
import java.util.List;
public record PodView(String name, List<TaskView> tasks) {}
