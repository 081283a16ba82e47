package org.cockroachdb.mesos.scheduler.api;
import java.util.Optional;
public record TaskView(String id, String name, Optional<String> state, String taskInfoJson, Optional<String> taskStatusJson) {}
