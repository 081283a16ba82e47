package org.cockroachdb.mesos.testkit.emulator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.cockroachdb.mesos.http.Backoff;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.detect.MasterDetector;
import org.cockroachdb.mesos.http.detect.MasterDetectors;
import org.cockroachdb.mesos.http.scheduler.SchedulerClient;
import org.cockroachdb.mesos.http.scheduler.SchedulerListener;
import org.cockroachdb.mesos.http.scheduler.SchedulerSession;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mesos-http's long-lived scheduler client against the emulator: found through ZooKeeper as a
 * real master is, following a master failover, and through a 307 from a non-leader.
 */
class SchedulerClientAgainstEmulatorTest {
    @TempDir
    Path workDir;

    private TestingServer zk;
    private MesosEmulator emulator;
    private MasterDetector detector;
    private SchedulerClient client;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<SchedulerSession> sessions = new CopyOnWriteArrayList<>();
    private final AtomicReference<FrameworkID> frameworkId = new AtomicReference<>();

    private static final FrameworkInfo INFO = FrameworkInfo.newBuilder().setUser("nobody").setName("client-it")
            .addRoles("client-role").setFailoverTimeout(3600)
            .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
            .build();

    private Call subscribeCall() {
        FrameworkID id = frameworkId.get();
        FrameworkInfo info = id == null ? INFO : INFO.toBuilder().setId(id).build();
        Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
        if (id != null) {
            call.setFrameworkId(id);
        }
        return call.build();
    }

    private void startClient(MasterDetector d) {
        detector = d;
        client = SchedulerClient.builder(d, this::subscribeCall, new SchedulerListener() {
            @Override
            public void subscribed(SchedulerSession session) {
                frameworkId.set(session.subscribed().getFrameworkId());
                sessions.add(session);
            }

            @Override
            public void received(Event event) {
                events.add(event);
            }

            @Override
            public void disconnected(String reason) {
                // the client resubscribes by itself
            }
        }).backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), Backoff.Jitter.FULL, Math::random)).build();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (detector != null) {
            detector.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (zk != null) {
            zk.close();
        }
    }

    @Test
    void findsTheMasterInZooKeeperAndResubscribesWithTheSameIdAfterAFailover() throws Exception {
        zk = new TestingServer();
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(2, workDir).fast()
                .withZk("zk://" + zk.getConnectString() + "/mesos"));
        startClient(MasterDetectors.fromUrl("zk://" + zk.getConnectString() + "/mesos"));

        await().atMost(Duration.ofSeconds(15)).until(() -> events.stream().anyMatch(e -> e.getType() == Event.Type.OFFERS));
        FrameworkID first = frameworkId.get();
        String oldMaster = sessions.get(0).subscribed().getMasterInfo().getId();

        emulator.faults().failoverMaster();

        await().atMost(Duration.ofSeconds(20)).until(() -> sessions.size() >= 2
                && !sessions.get(sessions.size() - 1).subscribed().getMasterInfo().getId().equals(oldMaster));
        assertThat(frameworkId.get()).isEqualTo(first);
        CallResult revive = client.send(Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(first).build());
        assertThat(revive.isSuccess()).as(revive.toString()).isTrue();
    }

    @Test
    void followsA307FromANonLeaderToTheLeader() throws Exception {
        emulator = MesosEmulator.start(EmulatorConfig.withAgents(1, workDir).fast());
        MesosEmulator follower = MesosEmulator.start(EmulatorConfig.withAgents(1, workDir.resolve("follower")).fast());
        try {
            String leader = emulator.masterUri().getAuthority();
            follower.faults().notLeader(leader);
            startClient(MasterDetectors.fromUrl(follower.masterUri().toString()));

            await().atMost(Duration.ofSeconds(15)).until(() -> !sessions.isEmpty());
            assertThat(sessions.get(0).endpoint().getAuthority()).isEqualTo(leader);
            assertThat(sessions.get(0).subscribed().getMasterInfo().getId()).isEqualTo(emulator.masterId());
        } finally {
            follower.close();
        }
    }
}
