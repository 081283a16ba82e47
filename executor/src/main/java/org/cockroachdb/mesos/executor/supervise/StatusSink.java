package org.cockroachdb.mesos.executor.supervise;

import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Where a supervisor's status updates go. In production the Mesos executor client, which stamps
 * uuid and source and keeps each update until the agent acknowledges it; in tests, a list.
 */
@FunctionalInterface
public interface StatusSink {
    void send(TaskStatus status);
}
