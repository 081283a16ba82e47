package org.cockroachdb.mesos.scheduler.plan;
public record DesiredNode(int index, String podName, String taskName) {}
