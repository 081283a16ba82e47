package org.cockroachdb.mesos.scheduler.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.scheduler.api.EndpointView;
import org.cockroachdb.mesos.scheduler.api.PodView;
import org.cockroachdb.mesos.scheduler.api.ServiceView;
import org.cockroachdb.mesos.scheduler.api.TaskView;
import org.cockroachdb.mesos.scheduler.cockroach.NodeAddresses;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.DesiredNode;

/** The API's snapshot of the service, built from what the event loop knows. */
final class ServiceViews {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

    private ServiceViews() {
    }

    /** A stored task as the loop sees it: its TaskInfo and last status, if any. */
    record KnownTask(TaskInfo info, Optional<TaskStatus> status) {}

    static ServiceView of(ServiceConfig config, Optional<String> frameworkId, List<Plan> plans,
            Map<String, KnownTask> tasks, String targetJson, boolean initializing) {
        List<PodView> pods = new ArrayList<>();
        for (DesiredNode node : NodePods.desired(config.nodeCount())) {
            KnownTask task = tasks.get(node.taskName());
            pods.add(new PodView(node.podName(), task == null ? List.of() : List.of(taskView(task))));
        }
        List<EndpointView> endpoints = List.of(
                endpoint(config, "http", config.httpPort(), tasks),
                endpoint(config, "pg", config.pgPort(), tasks));
        return new ServiceView(config.serviceName().value(), frameworkId, plans, pods, endpoints,
                Optional.of(targetJson), initializing);
    }

    private static TaskView taskView(KnownTask task) {
        return new TaskView(task.info().getTaskId().getValue(), task.info().getName(),
                task.status().map(s -> s.getState().name()), json(task.info()), task.status().map(ServiceViews::json));
    }

    /** Addresses of the nodes that run now; DNS names of every node launched. */
    private static EndpointView endpoint(ServiceConfig config, String name, int port, Map<String, KnownTask> tasks) {
        List<String> addresses = new ArrayList<>();
        List<String> dns = new ArrayList<>();
        for (DesiredNode node : NodePods.desired(config.nodeCount())) {
            KnownTask task = tasks.get(node.taskName());
            if (task == null) {
                continue;
            }
            dns.add(NodeAddresses.dnsName(config, node.taskName()) + ":" + port);
            if (task.status().map(s -> s.getState() == TaskState.TASK_RUNNING).orElse(false)) {
                addresses.add(NodeTaskInfos.hostname(task.info()) + ":" + port);
            }
        }
        return new EndpointView(name, addresses, dns, NodeAddresses.vip(config, name, port));
    }

    private static String json(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
