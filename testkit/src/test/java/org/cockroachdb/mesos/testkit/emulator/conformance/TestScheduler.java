package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.EventStream;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.RecordIo;

/**
 * A bare scheduler for conformance tests: raw v1 calls over mesos-http and the official protobufs,
 * every event kept in order, and waits on conditions with timeouts. It never acknowledges on its
 * own, so tests decide what the master sees.
 */
final class TestScheduler implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    final MesosHttpClient http = new MesosHttpClient(Duration.ofSeconds(20));
    final URI endpoint;
    FrameworkInfo info;
    FrameworkID frameworkId;
    String streamId;
    EventStream<Event> stream;
    /** Every event received, in order, across re-subscriptions. */
    final List<Event> received = new CopyOnWriteArrayList<>();
    private final LinkedBlockingDeque<Event> unread = new LinkedBlockingDeque<>();
    private Thread reader;

    private TestScheduler(URI endpoint, FrameworkInfo info) {
        this.endpoint = endpoint;
        this.info = info;
    }

    /** Subscribes and waits for SUBSCRIBED. */
    static TestScheduler subscribe(URI endpoint, FrameworkInfo info) {
        TestScheduler s = new TestScheduler(endpoint, info);
        s.resubscribe();
        return s;
    }

    /** (Re-)subscribes with the current framework id, if any, and waits for SUBSCRIBED. */
    void resubscribe() {
        Event subscribed = open().orElseThrow(() -> new AssertionError("SUBSCRIBE was refused: " + received));
        frameworkId = subscribed.getSubscribed().getFrameworkId();
        info = info.toBuilder().setId(frameworkId).build();
    }

    /** Opens a stream and returns SUBSCRIBED, or empty when the master answered ERROR instead. */
    Optional<Event> open() {
        closeStream();
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
        if (info.hasId()) {
            call.setFrameworkId(info.getId());
        }
        MesosHttpClient.StreamOpening<Event> opening = http.openStream(endpoint, call.build().toByteArray(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null), Event::parseFrom,
                RecordIo.DEFAULT_MAX_RECORD_BYTES);
        if (!(opening instanceof MesosHttpClient.StreamOpening.Opened<Event> opened)) {
            throw new AssertionError("SUBSCRIBE was not accepted: " + ((MesosHttpClient.StreamOpening.Refused<Event>) opening).result());
        }
        stream = opened.stream();
        streamId = stream.streamId();
        unread.clear();
        EventStream<Event> mine = stream;
        reader = new Thread(() -> pump(mine), "test-scheduler-reader");
        reader.setDaemon(true);
        reader.start();
        Event first = next(e -> true);
        if (first.getType() == Event.Type.ERROR) {
            return Optional.empty();
        }
        assertThat(first.getType()).isEqualTo(Event.Type.SUBSCRIBED);
        return Optional.of(first);
    }

    private void pump(EventStream<Event> s) {
        try {
            while (true) {
                Optional<Event> e = s.poll(Duration.ofMillis(200));
                if (e.isPresent()) {
                    received.add(e.get());
                    unread.add(e.get());
                }
            }
        } catch (EOFException e) {
            // the master closed the stream
        } catch (IOException e) {
            // broken or closed by us
        }
    }

    boolean streamEnded() {
        return stream == null || stream.isEnded();
    }

    /** The next unread event matching {@code wanted}; others before it are skipped. */
    Event next(Predicate<Event> wanted) {
        return next(wanted, WAIT);
    }

    Event next(Predicate<Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event e = left > 0 ? unread.poll(left, TimeUnit.NANOSECONDS) : null;
                if (e == null) {
                    throw new AssertionError("no matching event within " + timeout + "; received " + summary());
                }
                if (wanted.test(e)) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Empty if no matching event arrives within {@code timeout} (for "nothing happens" checks). */
    Optional<Event> maybeNext(Predicate<Event> wanted, Duration timeout) {
        try {
            return Optional.of(next(wanted, timeout));
        } catch (AssertionError e) {
            return Optional.empty();
        }
    }

    Event next(Event.Type type) {
        return next(e -> e.getType() == type);
    }

    List<Offer> offers() {
        return next(Event.Type.OFFERS).getOffers().getOffersList();
    }

    /** Offers until one from the given agent shows up. */
    Offer offerFrom(String agentId) {
        return next(e -> e.getType() == Event.Type.OFFERS && e.getOffers().getOffersList().stream()
                .anyMatch(o -> o.getAgentId().getValue().equals(agentId)))
                .getOffers().getOffersList().stream().filter(o -> o.getAgentId().getValue().equals(agentId))
                .findFirst().orElseThrow();
    }

    Offer offerMatching(Predicate<Offer> wanted) {
        return next(e -> e.getType() == Event.Type.OFFERS && e.getOffers().getOffersList().stream().anyMatch(wanted))
                .getOffers().getOffersList().stream().filter(wanted).findFirst().orElseThrow();
    }

    /** Declines (refuse 0 s) every offer that does not match, until one does; returns it. */
    Offer declineUntil(Predicate<Offer> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Offer o : next(Event.Type.OFFERS).getOffers().getOffersList()) {
                if (wanted.test(o)) {
                    return o;
                }
                decline(o, 0);
            }
        }
        throw new AssertionError("no matching offer within " + WAIT);
    }

    TaskStatus update(String taskId, TaskState state) {
        return next(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
                && e.getUpdate().getStatus().getState() == state).getUpdate().getStatus();
    }

    TaskStatus update(String taskId) {
        return next(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId))
                .getUpdate().getStatus();
    }

    /** Waits for the task's update in that state and acknowledges it when it carries a uuid. */
    TaskStatus updateAcked(String taskId, TaskState state) {
        TaskStatus s = update(taskId, state);
        if (s.hasUuid()) {
            assertThat(acknowledge(s).isSuccess()).isTrue();
        }
        return s;
    }

    CallResult call(Call.Builder call) {
        return http.post(endpoint, call.setFrameworkId(frameworkId).build().toByteArray(), streamId);
    }

    CallResult accept(List<OfferID> offers, List<Offer.Operation> operations, Filters filters) {
        Call.Accept.Builder a = Call.Accept.newBuilder().addAllOfferIds(offers).addAllOperations(operations);
        if (filters != null) {
            a.setFilters(filters);
        }
        return call(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(a));
    }

    CallResult accept(Offer offer, Offer.Operation... operations) {
        return accept(List.of(offer.getId()), List.of(operations), Filters.newBuilder().setRefuseSeconds(0).build());
    }

    CallResult decline(Offer offer, double refuseSeconds) {
        return call(Call.newBuilder().setType(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder()
                .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds))));
    }

    CallResult acknowledge(TaskStatus status) {
        return call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
                .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())));
    }

    CallResult acknowledge(AgentID agent, TaskID task, ByteString uuid) {
        return call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
                .setAgentId(agent).setTaskId(task).setUuid(uuid)));
    }

    CallResult reconcile(String taskId, String agentId) {
        Call.Reconcile.Task.Builder t = Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId));
        if (agentId != null) {
            t.setAgentId(AgentID.newBuilder().setValue(agentId));
        }
        return call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder().addTasks(t)));
    }

    CallResult kill(String taskId, String agentId) {
        Call.Kill.Builder k = Call.Kill.newBuilder().setTaskId(TaskID.newBuilder().setValue(taskId));
        if (agentId != null) {
            k.setAgentId(AgentID.newBuilder().setValue(agentId));
        }
        return call(Call.newBuilder().setType(Call.Type.KILL).setKill(k));
    }

    CallResult simple(Call.Type type) {
        return call(Call.newBuilder().setType(type));
    }

    List<Event> receivedOfType(Event.Type type) {
        List<Event> out = new ArrayList<>();
        for (Event e : received) {
            if (e.getType() == type) {
                out.add(e);
            }
        }
        return out;
    }

    private String summary() {
        List<String> s = new ArrayList<>();
        for (Event e : received) {
            s.add(e.getType() == Event.Type.UPDATE
                    ? "UPDATE(" + e.getUpdate().getStatus().getTaskId().getValue() + ":" + e.getUpdate().getStatus().getState() + ")"
                    : e.getType().name());
        }
        return s.size() > 60 ? s.subList(s.size() - 60, s.size()).toString() : s.toString();
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
        }
        if (reader != null) {
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        closeStream();
    }
}
