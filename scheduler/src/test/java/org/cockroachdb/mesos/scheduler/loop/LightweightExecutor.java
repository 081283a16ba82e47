package org.cockroachdb.mesos.scheduler.loop;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.http.executor.ExecutorClient;
import org.cockroachdb.mesos.http.executor.ExecutorEnvironment;
import org.cockroachdb.mesos.http.executor.ExecutorListener;

/**
 * An executor that runs no cockroach: it reports a launched node as running and ready at once (with
 * the node id and init labels our executor sends) and killed on KILL. It lets scheduler tests and the
 * heap benchmark exercise the real Mesos path with many nodes and no database processes.
 */
public final class LightweightExecutor implements ExecutorListener {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CountDownLatch done = new CountDownLatch(1);
    private ExecutorClient client;
    private TaskInfo task;

    public static void main(String[] args) throws Exception {
        LightweightExecutor executor = new LightweightExecutor();
        executor.client = ExecutorClient.builder(ExecutorEnvironment.from(System.getenv()), executor).build();
        executor.client.start();
        executor.done.await();
        executor.client.close();
        System.exit(0);
    }

    @Override
    public void received(Event event) {
        switch (event.getType()) {
            case LAUNCH -> {
                task = event.getLaunch().getTask();
                Labels.Builder labels = Labels.newBuilder()
                        .addLabels(label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED))
                        .addLabels(label(StatusLabels.NODE_ID, nodeId(task)));
                if (initCluster(task)) {
                    labels.addLabels(label(StatusLabels.CLUSTER_INIT, StatusLabels.CLUSTER_INIT_DONE));
                }
                client.update(status(TaskState.TASK_RUNNING).setLabels(labels).build());
            }
            case KILL -> client.update(status(TaskState.TASK_KILLED).setMessage("killed on request").build());
            case ACKNOWLEDGED -> {
                if (lastState == TaskState.TASK_KILLED && client.unacknowledgedUpdates().isEmpty()) {
                    done.countDown();
                }
            }
            case SHUTDOWN -> done.countDown();
            default -> { }
        }
    }

    private volatile TaskState lastState;

    private TaskStatus.Builder status(TaskState state) {
        lastState = state;
        return TaskStatus.newBuilder().setTaskId(task.getTaskId()).setState(state);
    }

    @Override
    public void gaveUp(String reason) {
        done.countDown();
    }

    private static Label label(String key, String value) {
        return Label.newBuilder().setKey(key).setValue(value).build();
    }

    private static String nodeId(TaskInfo task) {
        String name = task.getName();
        return Integer.toString(Integer.parseInt(name.replaceAll("cockroachdb-(\\d+)-.*", "$1")) + 1);
    }

    private static boolean initCluster(TaskInfo task) {
        try {
            return JSON.readTree(task.getData().toByteArray()).path("initCluster").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }
}
