package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec;
import org.cockroachdb.mesos.testkit.emulator.resources.Resources;

/**
 * One emulated agent: its checkpointed resources (reservations and volumes survive restarts), its
 * executors and tasks, and how the master can reach it. Touched only on the cluster's loop thread.
 */
final class Agent {
    final int index;
    final AgentSpec spec;
    final String id;
    final Path workDir;
    /** Total resources in the reservation-stack format, reservations and volumes included. */
    Resources total;
    final Map<String, Executor> executors = new LinkedHashMap<>(); // key: frameworkId/executorId
    final Map<String, Task> tasks = new LinkedHashMap<>(); // key: frameworkId/taskId

    /** The agent process is up and its executor API answers. */
    boolean running = true;
    /** The network between master and agent is cut (or the agent is down): pings fail. */
    boolean cut;
    /** The master has declared the agent unreachable (ping timeout passed while cut). */
    boolean unreachable;
    long unreachableSinceNanos;
    /** After a master failover, until the agent re-registers, the master does not know its tasks. */
    boolean awaitingReregistration;
    boolean gone;
    ScheduledFuture<?> pingTimeout;
    URI endpoint;
    int port;
    /** KILLs that arrived while the agent was cut off; delivered when it is back. */
    final List<PendingKill> pendingKills = new ArrayList<>();

    record PendingKill(String frameworkId, TaskID taskId, KillPolicy killPolicy) {}

    Agent(int index, AgentSpec spec, String id, Path workDir, Resources total) {
        this.index = index;
        this.spec = spec;
        this.id = id;
        this.workDir = workDir;
        this.total = total;
    }

    /** Where a persistent volume's data lives, keyed by role and persistence id (survives restarts). */
    Path volumeDir(org.apache.mesos.v1.Protos.Resource volume) {
        String role = org.cockroachdb.mesos.testkit.emulator.resources.ReservationFormat.reservedRole(volume).replace('/', '#');
        return workDir.resolve("volumes").resolve("roles").resolve(role).resolve(volume.getDisk().getPersistence().getId());
    }

    /** Whether the master can exchange messages with this agent right now. */
    boolean reachable() {
        return running && !cut && !gone && !awaitingReregistration;
    }

    /** Whether it is in a state to have resources offered. */
    boolean offerable() {
        return reachable() && !unreachable;
    }
}
