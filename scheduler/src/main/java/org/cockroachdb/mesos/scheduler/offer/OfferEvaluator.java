package org.cockroachdb.mesos.scheduler.offer;
import java.util.List;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos;
public final class OfferEvaluator {
    public static Evaluation evaluate(PodRequirement req, List<Protos.Offer> offers, List<PlacedPod> others,
            ReservationOwner owner, Supplier<String> ids) { throw new UnsupportedOperationException(); }
}
