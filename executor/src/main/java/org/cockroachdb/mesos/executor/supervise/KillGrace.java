package org.cockroachdb.mesos.executor.supervise;

import java.time.Duration;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskInfo;

/** How long cockroach may drain after SIGTERM before SIGKILL. */
public final class KillGrace {
    /** The drain guidance in the reference: at least 300 s, the operator's terminationGracePeriodSeconds. */
    public static final Duration DEFAULT = Duration.ofSeconds(300);

    private KillGrace() {}

    /** The KILL event's policy if it has a grace period, else the task's, else {@link #DEFAULT}. */
    public static Duration of(KillPolicy killEventPolicy, TaskInfo task) {
        if (killEventPolicy != null && killEventPolicy.hasGracePeriod()) {
            return Duration.ofNanos(killEventPolicy.getGracePeriod().getNanoseconds());
        }
        return ofTask(task);
    }

    public static Duration ofTask(TaskInfo task) {
        if (task != null && task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()) {
            return Duration.ofNanos(task.getKillPolicy().getGracePeriod().getNanoseconds());
        }
        return DEFAULT;
    }
}
