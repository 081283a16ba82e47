package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.EventStream;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.http.RecordIo;
import org.junit.jupiter.api.Test;

/** Checklist 3 (reference §1.2): SUBSCRIBE and re-SUBSCRIBE. */
class SubscribeConformanceTest extends EmulatorFixture {
    private final MesosHttpClient http = new MesosHttpClient(Duration.ofSeconds(10));

    @Test
    void firstSubscribeGetsAFreshFrameworkIdMadeOfTheMasterId() throws Exception {
        start(1);
        TestScheduler first = subscribe("first");
        TestScheduler second = subscribe("second");
        assertThat(first.frameworkId.getValue()).isEqualTo(emulator.masterId() + "-0000");
        assertThat(second.frameworkId.getValue()).isEqualTo(emulator.masterId() + "-0001");
    }

    @Test
    void subscribedCarriesHeartbeatIntervalAndMasterInfoAndAHeartbeatFollowsAtOnce() throws Exception {
        // a long interval, so that a heartbeat within a second can only be the immediate one
        start(1, c -> c.withHeartbeatInterval(Duration.ofSeconds(30)));
        TestScheduler s = subscribe("heartbeat");
        Event subscribed = s.received.get(0);
        assertThat(subscribed.getType()).isEqualTo(Event.Type.SUBSCRIBED);
        assertThat(subscribed.getSubscribed().getHeartbeatIntervalSeconds()).isEqualTo(30.0);
        assertThat(subscribed.getSubscribed().getMasterInfo().getId()).isEqualTo(emulator.masterId());
        assertThat(subscribed.getSubscribed().getMasterInfo().getAddress().getPort())
                .isEqualTo(emulator.masterUri().getPort());
        s.next(e -> e.getType() == Event.Type.HEARTBEAT, Duration.ofSeconds(2));
        assertThat(s.received.get(1).getType()).isEqualTo(Event.Type.HEARTBEAT);
    }

    @Test
    void invalidRoleGets200AndASingleErrorEventThenTheStreamCloses() throws Exception {
        start(1);
        EventStream<Event> stream = openStream(Frameworks.legacy("bad-role", "a b"));
        Event error = stream.poll(TestScheduler.WAIT).orElseThrow();
        assertThat(error.getType()).isEqualTo(Event.Type.ERROR);
        assertThat(error.getError().getMessage()).isNotBlank();
        assertEndsWithoutMoreEvents(stream);
        assertThat(emulator.state().frameworks()).isEmpty();
    }

    @Test
    void secondSubscribeWithTheSameIdFailsOverTheOldStream() throws Exception {
        start(1);
        TestScheduler old = subscribe("failed-over");
        EventStream<Event> replacement = openStream(old.info);
        assertThat(replacement.poll(TestScheduler.WAIT).orElseThrow().getType()).isEqualTo(Event.Type.SUBSCRIBED);

        Event error = old.next(Event.Type.ERROR);
        assertThat(error.getError().getMessage()).isEqualTo("Framework failed over");
        await().atMost(Duration.ofSeconds(5)).until(old::streamEnded);
        // the new stream is the one in charge: its heartbeats keep coming
        assertThat(nextOfType(replacement, Event.Type.HEARTBEAT)).isPresent();
    }

    @Test
    void resubscribingInvalidatesOutstandingOffersWithoutRescind() throws Exception {
        start(1);
        TestScheduler s = subscribe("offers-dropped");
        Offer stale = s.offers().get(0);
        s.resubscribe();
        Offer fresh = s.offers().get(0);
        assertThat(fresh.getId()).isNotEqualTo(stale.getId());

        assertThat(s.accept(stale, Ops.launch(Ops.commandTask("on-stale-offer", stale, "sleep 30",
                Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32)))).status()).isEqualTo(202);
        TaskStatus dropped = s.update("on-stale-offer");
        assertThat(dropped.getState()).isEqualTo(TaskState.TASK_DROPPED);
        assertThat(dropped.getReason()).isEqualTo(TaskStatus.Reason.REASON_INVALID_OFFERS);
        assertThat(dropped.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(dropped.hasUuid()).isFalse();
        assertThat(s.receivedOfType(Event.Type.RESCIND)).isEmpty();
    }

    @Test
    void changingPrincipalOnResubscribeIsRefusedWithAnErrorEvent() throws Exception {
        start(1);
        TestScheduler s = subscribe("principal");
        s.info = s.info.toBuilder().setPrincipal("someone-else").build();
        assertThat(s.open()).isEmpty();
        Event error = s.received.get(s.received.size() - 1);
        assertThat(error.getType()).isEqualTo(Event.Type.ERROR);
        assertThat(error.getError().getMessage()).containsIgnoringCase("principal");
        await().atMost(Duration.ofSeconds(5)).until(s::streamEnded);
    }

    @Test
    void unacknowledgedUpdateIsRedeliveredWithTheSameUuidAfterResubscription() throws Exception {
        // the agent's own retry is far off, so a second delivery can only come from the re-subscription
        start(1, c -> c.withStatusUpdateRetryInterval(Duration.ofSeconds(60)));
        TestScheduler s = subscribe("redelivery");
        TaskStatus running = Probes.running(s, "unacked", "exec-unacked", false);
        assertThat(running.hasUuid()).isTrue();

        s.resubscribe();
        TaskStatus again = s.update("unacked", TaskState.TASK_RUNNING);
        assertThat(again.getUuid()).isEqualTo(running.getUuid());
        // once acknowledged, it does not come back on the next re-subscription
        assertThat(s.acknowledge(again).status()).isEqualTo(202);
        s.resubscribe();
        assertThat(s.maybeNext(e -> e.getType() == Event.Type.UPDATE, Duration.ofSeconds(1))).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private EventStream<Event> openStream(FrameworkInfo info) {
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
        if (info.hasId()) {
            call.setFrameworkId(info.getId());
        }
        MesosHttpClient.StreamOpening<Event> opening = http.openStream(emulator.schedulerEndpoint(),
                call.build().toByteArray(), MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null),
                Event::parseFrom, RecordIo.DEFAULT_MAX_RECORD_BYTES);
        assertThat(opening).as("SUBSCRIBE is answered 200 even when refused")
                .isInstanceOf(MesosHttpClient.StreamOpening.Opened.class);
        return closeLater(((MesosHttpClient.StreamOpening.Opened<Event>) opening).stream());
    }

    /** The stream reaches EOF with no further event. */
    private static void assertEndsWithoutMoreEvents(EventStream<Event> stream) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Optional<Event> e = stream.poll(Duration.ofMillis(200));
                assertThat(e).as("an event after ERROR").isEmpty();
            } catch (EOFException expected) {
                return;
            }
        }
        throw new AssertionError("the stream stayed open after ERROR");
    }

    private static Optional<Event> nextOfType(EventStream<Event> stream, Event.Type type) throws IOException {
        long deadline = System.nanoTime() + TestScheduler.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Event> e = stream.poll(Duration.ofMillis(200));
            if (e.isPresent() && e.get().getType() == type) {
                return e;
            }
        }
        return Optional.empty();
    }
}
