package org.cockroachdb.mesos.scheduler.loop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.http.executor.ExecutorClient;
import org.cockroachdb.mesos.http.executor.ExecutorEnvironment;
import org.cockroachdb.mesos.http.executor.ExecutorListener;

/**
 * An executor that runs no cockroach: it reports a launched node as running and ready at once (with
 * the node id and init labels our executor sends) and killed on KILL, and serves a healthy
 * {@code /_status/vars} on the node's HTTP address meanwhile (no range short of replicas, more live
 * nodes than any test cluster has), so the scheduler's health gate passes. A job task finishes at
 * once, or fails while the file named by the system property {@value #FAIL_JOBS_WHILE} exists; a node
 * fails at once while the file named by {@value #FAIL_NODES_WHILE} exists; a job that asks
 * {@code SHOW CLUSTER SETTING version} prints the major of the release its executor was told to run
 * ({@code COCKROACH_VERSION}), as a cluster whose upgrade is finalized would. A backup or restore job
 * first checks its credentials in its environment (as ours does), reports progress
 * ({@value #PROGRESS}), stays running while the file named by {@value #HOLD_JOBS_WHILE} exists (until
 * it is killed), then finishes or fails likewise. It
 * lets scheduler tests and the heap benchmark exercise the real Mesos path with many nodes and no
 * database processes.
 */
public final class LightweightExecutor implements ExecutorListener {

    /** A path: while a file is there, every job this executor runs fails. */
    public static final String FAIL_JOBS_WHILE = "lightweight.failJobsWhile";
    /** A path: while a file is there, every node this executor launches fails at once (a crash loop). */
    public static final String FAIL_NODES_WHILE = "lightweight.failNodesWhile";
    static final String JOB_FAILURE = "ERROR: simulated decommission failure";
    /** A path: while a file is there, a backup or restore job stays running. */
    public static final String HOLD_JOBS_WHILE = "lightweight.holdJobsWhile";
    static final String PROGRESS = "phase=dumping bytes=4096";
    static final String BACKUP_FAILURE = "backup: S3 refused the credentials (403 InvalidAccessKeyId)";
    static final String BACKUP_SUMMARY = "backed up 4096 bytes";
    private static final String HEALTHY_VARS = "# TYPE liveness_livenodes gauge\nliveness_livenodes 1000\n"
            + "ranges_underreplicated{store=\"1\"} 0\nranges_unavailable{store=\"1\"} 0\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CountDownLatch done = new CountDownLatch(1);
    private ExecutorClient client;
    private TaskInfo task;
    private HttpServer vars;

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
                if (JobSpec.describesJob(task.getData().toByteArray())) {
                    if (JobSpec.fromJson(task.getData().toByteArray()) instanceof JobSpec.BackupOrRestore) {
                        Thread job = new Thread(this::runBackupOrRestore, "backup-job");
                        job.setDaemon(true);
                        job.start();
                    } else {
                        runJob();
                    }
                    return;
                }
                String crash = System.getProperty(FAIL_NODES_WHILE);
                if (crash != null && Files.exists(Path.of(crash))) {
                    client.update(status(TaskState.TASK_FAILED).setMessage("simulated crash at start").build());
                    return;
                }
                serveVars();
                Labels.Builder labels = Labels.newBuilder()
                        .addLabels(label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED))
                        .addLabels(label(StatusLabels.NODE_ID, nodeId(task)));
                if (initCluster(task)) {
                    labels.addLabels(label(StatusLabels.CLUSTER_INIT, StatusLabels.CLUSTER_INIT_DONE));
                }
                client.update(status(TaskState.TASK_RUNNING).setLabels(labels).build());
            }
            case KILL -> {
                if (vars != null) {
                    vars.stop(0); // free the port before the node may be relaunched in place
                }
                client.update(status(TaskState.TASK_KILLED).setMessage("killed on request").build());
            }
            case ACKNOWLEDGED -> {
                if (lastState != null && lastState != TaskState.TASK_RUNNING
                        && client.unacknowledgedUpdates().isEmpty()) {
                    done.countDown();
                }
            }
            case SHUTDOWN -> done.countDown();
            default -> { }
        }
    }

    private void runJob() {
        client.update(status(TaskState.TASK_RUNNING).build());
        String marker = System.getProperty(FAIL_JOBS_WHILE);
        if (marker != null && Files.exists(Path.of(marker))) {
            client.update(status(TaskState.TASK_FAILED).setMessage(JOB_FAILURE).build());
        } else {
            TaskStatus.Builder finished = status(TaskState.TASK_FINISHED);
            clusterVersionAsked().ifPresent(finished::setMessage);
            client.update(finished.build());
        }
    }

    private void runBackupOrRestore() {
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (System.getenv("AWS_ACCESS_KEY_ID") == null || secret == null || secret.isBlank()) {
            client.update(status(TaskState.TASK_FAILED)
                    .setMessage("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set in the task's environment")
                    .build());
            return;
        }
        client.update(status(TaskState.TASK_RUNNING).setMessage(PROGRESS).setLabels(Labels.newBuilder()
                .addLabels(label(StatusLabels.PHASE, "dumping")).addLabels(label(StatusLabels.BYTES, "4096")))
                .build());
        if (!awaitGone(System.getProperty(HOLD_JOBS_WHILE))) {
            return; // killed meanwhile
        }
        String marker = System.getProperty(FAIL_JOBS_WHILE);
        if (marker != null && Files.exists(Path.of(marker))) {
            client.update(status(TaskState.TASK_FAILED).setMessage(BACKUP_FAILURE).build());
        } else {
            client.update(status(TaskState.TASK_FINISHED).setMessage(BACKUP_SUMMARY).build());
        }
    }

    /** Waits, on file events, until {@code path} does not exist; false when the task was killed meanwhile. */
    private boolean awaitGone(String path) {
        if (path == null) {
            return true;
        }
        Path file = Path.of(path);
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watch, StandardWatchEventKinds.ENTRY_DELETE);
            while (Files.exists(file)) {
                if (lastState != TaskState.TASK_RUNNING) {
                    return false;
                }
                WatchKey key = watch.poll(200, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            return lastState == TaskState.TASK_RUNNING;
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The version a {@code SHOW CLUSTER SETTING version} job prints as its last line. */
    private java.util.Optional<String> clusterVersionAsked() {
        JobSpec spec = JobSpec.fromJson(task.getData().toByteArray());
        if (!(spec instanceof JobSpec.CockroachCommand command)
                || !command.args().contains("SHOW CLUSTER SETTING version")) {
            return java.util.Optional.empty();
        }
        String version = System.getenv().getOrDefault("COCKROACH_VERSION", "v0.0.0");
        return java.util.Optional.of(version.replaceAll("v(\\d+)\\.(\\d+)\\..*", "$1.$2"));
    }

    /** A healthy node's gauges on the node's HTTP address; a port still taken just goes unserved. */
    private void serveVars() {
        try {
            LaunchSpec spec = LaunchSpec.fromJson(task.getData().toByteArray());
            String host = spec.listenHost().isEmpty() ? spec.advertiseHost() : spec.listenHost();
            vars = HttpServer.create(new InetSocketAddress(host, spec.httpPort()), 0);
            vars.createContext("/_status/vars", exchange -> {
                byte[] body = HEALTHY_VARS.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            vars.start();
        } catch (IOException | RuntimeException e) {
            vars = null;
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
