package org.cockroachdb.mesos.scheduler.offer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos;

/**
 * Decides where one pod goes: the first offer that fully fits wins. A new pod passes placement and
 * reserves fresh resources plus a persistent volume; a pod with a footprint goes back onto exactly
 * those reservations. Pure: no state, no clock, ids only from the supplier.
 */
public final class OfferEvaluator {

    private OfferEvaluator() {}

    /** Pure. ids supplies fresh UUID strings (tests pass a deterministic one). Offers are tried in order; first that fully fits wins. */
    public static Evaluation evaluate(PodRequirement req, List<Protos.Offer> offers, List<PlacedPod> others,
                                      ReservationOwner owner, Supplier<String> ids) {
        Objects.requireNonNull(req, "req");
        Objects.requireNonNull(offers, "offers");
        Objects.requireNonNull(others, "others");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(ids, "ids");
        return req.footprint().isPresent()
                ? relaunch(req, req.footprint().get(), offers, owner, ids)
                : place(req, offers, others, owner, ids);
    }

    private static Evaluation place(PodRequirement req, List<Protos.Offer> offers, List<PlacedPod> others,
                                    ReservationOwner owner, Supplier<String> ids) {
        PlacementCheck placement = new PlacementCheck(req.podName(), req.placement(), others, offers);
        List<String> reasons = new ArrayList<>();
        for (Protos.Offer offer : offers) {
            List<String> why = new ArrayList<>(placement.refusals(offer));
            FreshReservation.Fit fit = FreshReservation.fit(req, offer, owner);
            if (fit instanceof FreshReservation.Fit.Yes yes && why.isEmpty()) {
                return yes.reservation().match(req, offer, owner, ids);
            }
            if (fit instanceof FreshReservation.Fit.No no) {
                why.addAll(no.shortfalls());
            }
            reasons.add(line(offer, why));
        }
        return new Evaluation.NoMatch(reasons);
    }

    private static Evaluation relaunch(PodRequirement req, PodFootprint footprint, List<Protos.Offer> offers,
                                       ReservationOwner owner, Supplier<String> ids) {
        List<String> volumeChanges = InPlaceRelaunch.volumeChanges(req, footprint);
        List<String> reasons = new ArrayList<>();
        for (Protos.Offer offer : offers) {
            if (!offer.getAgentId().getValue().equals(footprint.agentId())) {
                reasons.add(line(offer, List.of("not agent " + footprint.agentId() + ", where "
                        + req.podName() + "'s reservations and volume are")));
                continue;
            }
            if (!volumeChanges.isEmpty()) {
                reasons.add(line(offer, List.of("the persistent volume cannot change in place ("
                        + String.join("; ", volumeChanges) + ")")));
                continue;
            }
            InPlaceRelaunch.Fit fit = InPlaceRelaunch.fit(footprint, offer, owner);
            if (fit instanceof InPlaceRelaunch.Fit.No no) {
                reasons.add(line(offer, no.missing()));
                continue;
            }
            InPlaceRelaunch.Fit.Yes found = (InPlaceRelaunch.Fit.Yes) fit;
            List<String> shortfalls = ReservationResize.shortfalls(req, found.task(), found.executor(), offer, owner);
            if (!shortfalls.isEmpty()) {
                reasons.add(line(offer, shortfalls));
                continue;
            }
            return ReservationResize.match(req, found.task(), found.executor(), offer, owner, ids);
        }
        return new Evaluation.NoMatch(reasons);
    }

    private static String line(Protos.Offer offer, List<String> why) {
        return offer.getHostname() + ": " + String.join("; ", why);
    }
}
