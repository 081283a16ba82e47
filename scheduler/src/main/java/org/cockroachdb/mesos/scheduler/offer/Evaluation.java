package org.cockroachdb.mesos.scheduler.offer;

import java.util.List;
import org.apache.mesos.v1.Protos;

/** The outcome of evaluating offers for one pod. */
public sealed interface Evaluation {

    /**
     * operations = RESERVE then CREATE for a new pod; for a relaunch on its footprint, none when the
     * sizes are equal, else UNRESERVE (what shrank) then RESERVE (what grew, merged into the existing
     * reservation by its resource_id label); taskResources/executorResources = the reserved resources (with reservation labels, and
     * for the task the disk with its persistence id + volume) to put into TaskInfo and ExecutorInfo.
     */
    record Match(Protos.Offer offer, List<Protos.Offer.Operation> operations,
                 List<Protos.Resource> taskResources, List<Protos.Resource> executorResources)
            implements Evaluation {
        public Match {
            operations = List.copyOf(operations);
            taskResources = List.copyOf(taskResources);
            executorResources = List.copyOf(executorResources);
        }
    }

    /** One line per offer: "&lt;hostname&gt;: &lt;why not&gt;"; empty when there were no offers. */
    record NoMatch(List<String> reasons) implements Evaluation {
        public NoMatch {
            reasons = List.copyOf(reasons);
        }
    }
}
