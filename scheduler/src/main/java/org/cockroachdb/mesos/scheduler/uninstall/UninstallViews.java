package org.cockroachdb.mesos.scheduler.uninstall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.cockroachdb.mesos.scheduler.api.PodView;
import org.cockroachdb.mesos.scheduler.api.ServiceView;
import org.cockroachdb.mesos.scheduler.api.TaskView;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/**
 * The API's snapshot during an uninstall: the uninstall plan as {@code deploy}, the pods as their
 * tasks end, and no endpoints (nothing is meant to be reached any more). Pure.
 */
final class UninstallViews {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer();

    private UninstallViews() {
    }

    static ServiceView of(String serviceName, Optional<String> frameworkId, Plan plan, Collection<TaskRecord> tasks) {
        Map<String, List<TaskView>> byPod = new TreeMap<>(Comparator
                .comparing((String pod) -> NodePods.indexOfPod(pod).orElse(Integer.MAX_VALUE)).thenComparing(p -> p));
        for (TaskRecord record : tasks) {
            String pod = NodePods.indexOfTask(record.taskName()).map(NodePods::podName).orElse(record.taskName());
            TaskInfo info = NodeTaskInfos.parse(record.taskInfo());
            Optional<TaskStatus> status = UninstallInventory.status(record);
            byPod.computeIfAbsent(pod, p -> new ArrayList<>()).add(new TaskView(info.getTaskId().getValue(),
                    info.getName(), status.map(s -> s.getState().name()), json(info), status.map(UninstallViews::json)));
        }
        List<PodView> pods = new ArrayList<>();
        byPod.forEach((pod, views) -> pods.add(new PodView(pod, views)));
        return new ServiceView(serviceName, frameworkId, List.of(plan), pods, List.of(), Optional.empty(), false);
    }

    /** After the uninstall finished: a complete plan and nothing else. */
    static ServiceView uninstalled(String serviceName) {
        return of(serviceName, Optional.empty(), UninstallPlan.completed(), List.of());
    }

    private static String json(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
