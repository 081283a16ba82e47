package org.cockroachdb.mesos.scheduler.plan;
public record Step(String id, String name, Status status, String message, String podName) {}
