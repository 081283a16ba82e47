package org.cockroachdb.mesos.scheduler.plan;
public enum Status { PENDING, PREPARED, STARTING, STARTED, COMPLETE, DELAYED, ERROR, IN_PROGRESS, WAITING }
