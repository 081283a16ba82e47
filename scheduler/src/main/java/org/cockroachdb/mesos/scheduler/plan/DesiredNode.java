package org.cockroachdb.mesos.scheduler.plan;

import java.util.List;
import java.util.stream.IntStream;

/** The node pods the target config wants: index 0..count-1, names and task names. */
public record DesiredNode(int index, String podName, String taskName) {

    public static final String POD_TYPE = "cockroachdb";
    /** Node 0 bootstraps the cluster (cockroach init once); every other node joins it. */
    public static final String INIT_TASK_TYPE = "node-init";
    public static final String JOIN_TASK_TYPE = "node-join";

    public DesiredNode {
        if (index < 0) {
            throw new IllegalArgumentException("node index must be 0 or more, got " + index);
        }
        if (!podName.equals(podName(index)) || !taskName.startsWith(podName + "-")) {
            throw new IllegalArgumentException("node " + index + " must be pod " + podName(index)
                    + " with a task named " + podName(index) + "-<task type>, got " + podName + " / " + taskName);
        }
    }

    /** The DC/OS naming: pod {@code cockroachdb-<i>}, task {@code cockroachdb-0-node-init} or {@code cockroachdb-<i>-node-join}. */
    public static DesiredNode of(int index) {
        String pod = podName(index);
        return new DesiredNode(index, pod, pod + "-" + (index == 0 ? INIT_TASK_TYPE : JOIN_TASK_TYPE));
    }

    /** Nodes 0..count-1. */
    public static List<DesiredNode> ofCount(int count) {
        return IntStream.range(0, count).mapToObj(DesiredNode::of).toList();
    }

    /** {@code node-init} or {@code node-join}: the task name without its pod prefix. */
    public String taskType() {
        return taskName.substring(podName.length() + 1);
    }

    /** The step name the SDK shows, e.g. {@code cockroachdb-0:[node-init]}. */
    public String stepName() {
        return podName + ":[" + taskType() + "]";
    }

    private static String podName(int index) {
        return POD_TYPE + "-" + index;
    }
}
