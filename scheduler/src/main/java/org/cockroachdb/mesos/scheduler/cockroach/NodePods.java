package org.cockroachdb.mesos.scheduler.cockroach;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cockroachdb.mesos.scheduler.plan.DesiredNode;

/**
 * The DC/OS naming of node pods, kept so DNS names and docs stay familiar: pod {@code cockroachdb-<i>},
 * task {@code cockroachdb-0-node-init} for the first pod and {@code cockroachdb-<i>-node-join} for the
 * others. The task names never change for a pod, whether or not it bootstraps the cluster.
 */
public final class NodePods {

    public static final String POD_TYPE = "cockroachdb";
    private static final Pattern TASK = Pattern.compile("cockroachdb-(\\d{1,4})-node-(init|join)");
    private static final Pattern POD = Pattern.compile("cockroachdb-(\\d{1,4})");

    private NodePods() {
    }

    public static List<DesiredNode> desired(int nodeCount) {
        List<DesiredNode> nodes = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(new DesiredNode(i, podName(i), taskName(i)));
        }
        return nodes;
    }

    public static String podName(int index) {
        return POD_TYPE + "-" + index;
    }

    public static String taskName(int index) {
        return podName(index) + "-" + taskType(index);
    }

    public static String taskType(int index) {
        return index == 0 ? "node-init" : "node-join";
    }

    /** The pod index a task name belongs to; empty for names that are not ours. */
    public static Optional<Integer> indexOfTask(String taskName) {
        Matcher m = TASK.matcher(taskName);
        if (!m.matches()) {
            return Optional.empty();
        }
        int index = Integer.parseInt(m.group(1));
        return taskName.equals(taskName(index)) ? Optional.of(index) : Optional.empty();
    }

    /** The pod index of a pod name; empty for names that are not ours. */
    public static Optional<Integer> indexOfPod(String podName) {
        Matcher m = POD.matcher(podName);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }
}
