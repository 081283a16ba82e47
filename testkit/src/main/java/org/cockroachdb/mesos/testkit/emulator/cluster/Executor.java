package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.cockroachdb.mesos.testkit.emulator.http.Encoding;
import org.cockroachdb.mesos.testkit.emulator.http.StreamSink;
import org.cockroachdb.mesos.testkit.emulator.resources.Resources;

/** A custom executor: a real child process that talks to its agent's executor API. */
final class Executor {
    final ExecutorInfo info;
    final Framework framework;
    final Agent agent;
    final String containerId;
    final Path sandbox;
    final Resources resources;
    Process process;
    StreamSink stream;
    Encoding encoding = Encoding.PROTOBUF;
    boolean everSubscribed;
    boolean shuttingDown;
    boolean terminated;
    /** Tasks launched before the executor subscribed; sent as LAUNCH events after SUBSCRIBED. */
    final List<Task> queued = new ArrayList<>();
    ScheduledFuture<?> registrationTimer;
    ScheduledFuture<?> reregistrationTimer;
    /** Why the agent destroyed it, when it did (registration timeout, ...). */
    org.apache.mesos.v1.Protos.TaskStatus.Reason failureReason;
    /** Destroy as soon as the process exists (it may still be fetching). */
    boolean destroyRequested;
    /** The DEFAULT executor is built into the agent: no process, its tasks run as commands. */
    boolean builtin;

    Executor(ExecutorInfo info, Framework framework, Agent agent, String containerId, Path sandbox, Resources resources) {
        this.info = info;
        this.framework = framework;
        this.agent = agent;
        this.containerId = containerId;
        this.sandbox = sandbox;
        this.resources = resources;
    }

    String id() {
        return info.getExecutorId().getValue();
    }

    boolean subscribed() {
        return stream != null && stream.isOpen();
    }

    void send(org.apache.mesos.v1.executor.Protos.Event event) {
        if (subscribed()) {
            stream.send(encoding.encode(event));
        }
    }
}
