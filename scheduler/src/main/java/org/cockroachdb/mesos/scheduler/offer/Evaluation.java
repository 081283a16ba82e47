package org.cockroachdb.mesos.scheduler.offer;
import java.util.List;
import org.apache.mesos.v1.Protos;
public sealed interface Evaluation {
    record Match(Protos.Offer offer, List<Protos.Offer.Operation> operations, List<Protos.Resource> taskResources,
            List<Protos.Resource> executorResources) implements Evaluation {}
    record NoMatch(List<String> reasons) implements Evaluation {}
}
