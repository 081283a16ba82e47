package org.cockroachdb.mesos.executor.supervise;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * What the executor needs of whatever runs one launched task (a node or a one-shot job): start it,
 * kill it with a grace period, learn when its terminal update was sent, and stop it without
 * ceremony when the executor itself is going away.
 */
public interface TaskSupervisor {
    String taskId();

    /** Starts the task in the background. */
    void start();

    /** KILL: SIGTERM, SIGKILL after {@code grace}, then TASK_KILLED. */
    void kill(Duration grace);

    /** Completes with the terminal state once its update was handed to the sink. */
    CompletableFuture<TaskState> terminated();

    /** For the JVM shutdown hook: SIGTERM, wait up to {@code grace}, SIGKILL; leaves no child behind. */
    void stopNow(Duration grace);

    /** The grace period for a KILL event with this policy (may be null): see {@link KillGrace#of}. */
    Duration killGrace(KillPolicy killEventPolicy);

    /** The grace period the task's own kill policy gives (or the default), for SHUTDOWN. */
    Duration taskKillGrace();
}
