package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An operator's command on one pod instance ({@code POST /v1/pod/<pod>/restart|replace}).
 * Restart relaunches the pod's tasks in place (same reservations and volume); replace gives up
 * the pod's resources and places it afresh.
 */
public sealed interface PodCommand {

    String pod();

    record Restart(String pod) implements PodCommand {
        public Restart {
            Objects.requireNonNull(pod, "pod");
        }
    }

    record Replace(String pod) implements PodCommand {
        public Replace {
            Objects.requireNonNull(pod, "pod");
        }
    }

    /**
     * Which tasks the command touches: every task of the pod, sorted, or not found.
     *
     * @param tasksByPod the task names of every known pod instance
     */
    default Outcome outcome(Map<String, List<String>> tasksByPod) {
        List<String> tasks = tasksByPod.get(pod());
        return tasks == null ? new Outcome.NotFound(pod()) : new Outcome.Done(pod(), tasks.stream().sorted().toList());
    }

    /** What a pod command did. */
    sealed interface Outcome {

        /** Accepted: these tasks are killed and relaunched (in place, or afresh for replace). */
        record Done(String pod, List<String> tasks) implements Outcome {
            public Done {
                Objects.requireNonNull(pod, "pod");
                tasks = List.copyOf(tasks);
            }
        }

        record NotFound(String pod) implements Outcome {
            public NotFound {
                Objects.requireNonNull(pod, "pod");
            }

            public String message() {
                return "Pod " + pod + " not found";
            }
        }
    }
}
