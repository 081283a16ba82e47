package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.testkit.emulator.http.Encoding;
import org.cockroachdb.mesos.testkit.emulator.http.StreamSink;

/** The agent's side of the v1 executor API. Runs on the cluster's loop. */
public final class ExecutorChannel {
    private final Cluster c;

    ExecutorChannel(Cluster c) {
        this.c = c;
    }

    private Executor find(int agentIndex, Call call) {
        Agent a = c.agents.get(agentIndex);
        Executor e = a.executors.get(call.getFrameworkId().getValue() + "/" + call.getExecutorId().getValue());
        return e == null || e.terminated ? null : e;
    }

    /** The 400 for an executor this agent does not run, worded as the agent words it. */
    private Answer notFound(int agentIndex, Call call) {
        String frameworkId = call.getFrameworkId().getValue();
        Agent a = c.agents.get(agentIndex);
        boolean frameworkKnown = a.executors.values().stream().anyMatch(e -> !e.terminated && e.framework.id.equals(frameworkId))
                || a.tasks.values().stream().anyMatch(t -> t.framework.id.equals(frameworkId));
        return Answer.badRequest(frameworkKnown ? "Executor cannot be found" : "Framework cannot be found");
    }

    /** Null when a SUBSCRIBE may open a stream, else the 4xx to answer. */
    public Answer checkSubscribe(int agentIndex, Call call) {
        return find(agentIndex, call) == null ? notFound(agentIndex, call) : null;
    }

    public void subscribe(int agentIndex, Call call, Encoding encoding, StreamSink sink) {
        Executor e = find(agentIndex, call);
        if (e == null) {
            sink.close();
            return;
        }
        Agent a = e.agent;
        if (e.stream != null && e.stream.isOpen()) {
            e.stream.close(); // a new SUBSCRIBE closes the previous stream
        }
        boolean resubscribe = e.everSubscribed;
        e.stream = sink;
        e.encoding = encoding;
        e.everSubscribed = true;
        if (e.registrationTimer != null) {
            e.registrationTimer.cancel(false);
        }
        if (e.reregistrationTimer != null) {
            e.reregistrationTimer.cancel(false);
        }
        sink.onClosed(() -> c.later(() -> {
            if (e.stream == sink) {
                e.stream = null;
            }
        }));
        e.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setExecutorInfo(e.info)
                .setFrameworkInfo(e.framework.info)
                .setAgentInfo(agentInfo(a))
                .setContainerId(ContainerID.newBuilder().setValue(e.containerId))).build());
        Set<String> knownToExecutor = new HashSet<>();
        call.getSubscribe().getUnacknowledgedTasksList().forEach(t -> knownToExecutor.add(t.getTaskId().getValue()));
        for (Call.Update u : call.getSubscribe().getUnacknowledgedUpdatesList()) {
            knownToExecutor.add(u.getStatus().getTaskId().getValue());
            Task t = a.tasks.get(e.framework.id + "/" + u.getStatus().getTaskId().getValue());
            if (t != null) {
                c.agentUpdate(t, u.getStatus());
            }
            acknowledged(e, u.getStatus());
        }
        if (resubscribe) {
            for (Task t : List.copyOf(a.tasks.values())) {
                if (t.executor == e && t.sentToExecutor && t.agentState == TaskState.TASK_STAGING
                        && !knownToExecutor.contains(t.id())) {
                    c.agentUpdate(t, TaskStatus.newBuilder().setTaskId(t.info.getTaskId()).setState(TaskState.TASK_DROPPED)
                            .setSource(TaskStatus.Source.SOURCE_AGENT).setReason(TaskStatus.Reason.REASON_AGENT_RESTARTED)
                            .setMessage("The executor does not know this task").build());
                }
            }
        }
        List<Task> queued = List.copyOf(e.queued);
        e.queued.clear();
        queued.forEach(t -> deliver(e, t));
    }

    /** Hands a task to a subscribed executor: LAUNCH, or LAUNCH_GROUP for the first of a group. */
    void deliver(Executor e, Task t) {
        if (t.sentToExecutor || !e.agent.tasks.containsKey(t.key())) {
            return;
        }
        if (t.group.size() > 1) {
            org.apache.mesos.v1.Protos.TaskGroupInfo.Builder g = org.apache.mesos.v1.Protos.TaskGroupInfo.newBuilder();
            for (Task member : t.group) {
                e.queued.remove(member);
                if (Task.terminal(member.agentState)) {
                    continue; // killed while queued
                }
                member.sentToExecutor = true;
                g.addTasks(member.info);
            }
            if (g.getTasksCount() == 0) {
                return;
            }
            e.send(Event.newBuilder().setType(Event.Type.LAUNCH_GROUP)
                    .setLaunchGroup(Event.LaunchGroup.newBuilder().setTaskGroup(g)).build());
            return;
        }
        t.sentToExecutor = true;
        TaskInfo info = t.info;
        e.send(Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(info)).build());
    }

    /** UPDATE and MESSAGE, already validated by the endpoint. */
    public Answer handle(int agentIndex, Call call) {
        if (!c.agents.get(agentIndex).running) {
            return new Answer(503, "Agent has not finished recovery"); // listening again, not yet recovered
        }
        Executor e = find(agentIndex, call);
        if (e == null) {
            return notFound(agentIndex, call);
        }
        if (!e.subscribed()) {
            return Answer.forbidden("Executor is not subscribed");
        }
        switch (call.getType()) {
            case UPDATE -> {
                TaskStatus status = call.getUpdate().getStatus();
                if (status.hasAgentId() && !status.getAgentId().getValue().equals(e.agent.id)) {
                    return Answer.ACCEPTED; // silently dropped, as the agent does
                }
                Task t = e.agent.tasks.get(e.framework.id + "/" + status.getTaskId().getValue());
                if (t != null && t.executor == e) {
                    c.agentUpdate(t, status);
                }
                acknowledged(e, status);
            }
            case MESSAGE -> c.send(e.framework, org.apache.mesos.v1.scheduler.Protos.Event.newBuilder()
                    .setType(org.apache.mesos.v1.scheduler.Protos.Event.Type.MESSAGE)
                    .setMessage(org.apache.mesos.v1.scheduler.Protos.Event.Message.newBuilder()
                            .setAgentId(AgentID.newBuilder().setValue(e.agent.id))
                            .setExecutorId(e.info.getExecutorId())
                            .setData(call.getMessage().getData())).build());
            default -> {
                return Answer.badRequest("Unsupported executor call " + call.getType());
            }
        }
        return Answer.ACCEPTED;
    }

    /** The agent's receipt: sent once the update is stored, not when the scheduler acknowledges it. */
    private static void acknowledged(Executor e, TaskStatus status) {
        e.send(Event.newBuilder().setType(Event.Type.ACKNOWLEDGED).setAcknowledged(Event.Acknowledged.newBuilder()
                .setTaskId(status.getTaskId()).setUuid(status.getUuid())).build());
    }

    static AgentInfo agentInfo(Agent a) {
        AgentInfo.Builder b = AgentInfo.newBuilder().setHostname(a.spec.hostname()).setPort(a.port)
                .setId(AgentID.newBuilder().setValue(a.id));
        b.addAllResources(a.total.toList());
        return b.build();
    }
}
