package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.MesosUuid;

/** Calls and event filters the offer, accept, update and reconciliation tests share (beyond TestScheduler's). */
final class SchedulerCalls {
    private SchedulerCalls() {}

    /** Waits a second for something that must not happen: ten allocation cycles in fast mode. */
    static final java.time.Duration QUIET = java.time.Duration.ofSeconds(1);

    static void revive(TestScheduler s) {
        accepted(s.call(Call.newBuilder().setType(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder())));
    }

    static void suppress(TestScheduler s) {
        accepted(s.call(Call.newBuilder().setType(Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder())));
    }

    /** RECONCILE with no tasks: the master answers every task it knows for the framework. */
    static void reconcileImplicitly(TestScheduler s) {
        accepted(s.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder())));
    }

    /** ACCEPT of one offer whose unused resources are refused for {@code refuseSeconds}. */
    static CallResult acceptRefusing(TestScheduler s, Offer offer, double refuseSeconds, Offer.Operation... ops) {
        return s.accept(List.of(offer.getId()), List.of(ops), Filters.newBuilder().setRefuseSeconds(refuseSeconds).build());
    }

    static CallResult accept(TestScheduler s, List<OfferID> offers, Offer.Operation... ops) {
        return s.accept(offers, List.of(ops), Filters.newBuilder().setRefuseSeconds(0).build());
    }

    static void acknowledgeOperation(TestScheduler s, OperationStatus status) {
        accepted(s.call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE_OPERATION_STATUS)
                .setAcknowledgeOperationStatus(Call.AcknowledgeOperationStatus.newBuilder()
                        .setAgentId(status.getAgentId()).setOperationId(status.getOperationId())
                        .setUuid(status.getUuid().getValue()))));
    }

    static void accepted(CallResult result) {
        assertThat(result.isSuccess()).as("call answered %s", result.describe()).isTrue();
    }

    /** A fresh, valid (version 4) status-update uuid. */
    static ByteString randomUuid() {
        return MesosUuid.random();
    }

    /**
     * The first offer matching {@code wanted} received since {@code mark}, waiting for one if need
     * be. Unlike {@link TestScheduler#offerMatching} it also finds offers that an earlier wait for
     * some other event skipped over.
     */
    static Offer offerSince(TestScheduler s, int mark, Predicate<Offer> wanted) {
        long deadline = System.nanoTime() + TestScheduler.WAIT.toNanos();
        while (true) {
            for (Event e : s.received.subList(mark, s.received.size())) {
                if (e.getType() == Event.Type.OFFERS) {
                    for (Offer o : e.getOffers().getOffersList()) {
                        if (wanted.test(o)) {
                            return o;
                        }
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching offer within " + TestScheduler.WAIT);
            }
            s.maybeNext(anyOffer(), java.time.Duration.ofMillis(200));
        }
    }

    static Predicate<Event> operationUpdate(String operationId) {
        return e -> e.getType() == Event.Type.UPDATE_OPERATION_STATUS
                && e.getUpdateOperationStatus().getStatus().getOperationId().getValue().equals(operationId);
    }

    static OperationStatus operationStatus(TestScheduler s, String operationId) {
        return s.next(operationUpdate(operationId)).getUpdateOperationStatus().getStatus();
    }

    static Predicate<Event> taskUpdate(String taskId) {
        return e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId);
    }

    static Predicate<Event> anyOffer() {
        return e -> e.getType() == Event.Type.OFFERS;
    }

    static Predicate<Event> offerFrom(String agentId) {
        return e -> e.getType() == Event.Type.OFFERS && e.getOffers().getOffersList().stream()
                .anyMatch(o -> o.getAgentId().getValue().equals(agentId));
    }

    /** The task updates among {@code events}, in order. */
    static List<TaskStatus> updatesIn(List<Event> events) {
        List<TaskStatus> out = new ArrayList<>();
        for (Event e : events) {
            if (e.getType() == Event.Type.UPDATE) {
                out.add(e.getUpdate().getStatus());
            }
        }
        return out;
    }
}
