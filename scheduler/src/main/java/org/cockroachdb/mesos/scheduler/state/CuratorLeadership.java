package org.cockroachdb.mesos.scheduler.state;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;

/** {@link Leadership} as a Curator {@link LeaderLatch}; a loss is reported once and never undone. */
final class CuratorLeadership implements Leadership {

    private final CuratorFramework curator;
    private final LeaderLatch latch;
    private final CompletableFuture<LeadershipLoss> lost = new CompletableFuture<>();
    private final ConnectionStateListener onSessionLost = this::onConnectionState;

    private CuratorLeadership(CuratorFramework curator, String path, String participantId) {
        this.curator = curator;
        this.latch = new LeaderLatch(curator, path, participantId);
    }

    static CuratorLeadership join(CuratorFramework curator, String path, String participantId) {
        CuratorLeadership leadership = new CuratorLeadership(curator, path, participantId);
        leadership.latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                // Nothing to do: the owner is waiting in awaitLeadership.
            }

            @Override
            public void notLeader() {
                // Also called on SUSPENDED: a leader that cannot see ZooKeeper must not assume it still leads.
                leadership.lost.complete(LeadershipLoss.REVOKED);
            }
        });
        curator.getConnectionStateListenable().addListener(leadership.onSessionLost);
        try {
            leadership.latch.start();
        } catch (Exception e) {
            throw new ZkStoreException("could not join the election at " + path, e);
        }
        return leadership;
    }

    private void onConnectionState(CuratorFramework client, ConnectionState state) {
        if (state == ConnectionState.LOST) {
            lost.complete(LeadershipLoss.CONNECTION_LOST);
        }
    }

    @Override
    public boolean awaitLeadership(Duration maxWait) throws InterruptedException {
        return latch.await(maxWait.toMillis(), TimeUnit.MILLISECONDS) && isLeader();
    }

    @Override
    public boolean isLeader() {
        return latch.hasLeadership() && !lost.isDone();
    }

    @Override
    public CompletionStage<LeadershipLoss> lost() {
        return lost.minimalCompletionStage();
    }

    @Override
    public void close() {
        curator.getConnectionStateListenable().removeListener(onSessionLost);
        try {
            latch.close();
        } catch (IOException | IllegalStateException e) {
            // Closing twice, or after the session died: the election node is gone either way.
        }
    }
}
