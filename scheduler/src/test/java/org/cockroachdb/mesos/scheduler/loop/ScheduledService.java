package org.cockroachdb.mesos.scheduler.loop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.scheduler.SchedulerService;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;

/**
 * A scheduler started in-process against the emulator and a real ZooKeeper, running the lightweight
 * executor. It records every call it makes to Mesos, and for each ACCEPT which tasks were already
 * stored in ZooKeeper at that moment (persist-before-act is checked on that).
 */
public final class ScheduledService implements AutoCloseable {

    /**
     * One call as made, with the task names the store held just before it went out, and the stored
     * upgrade record then.
     */
    public record SentCall(Call call, List<String> storedTaskIds, long nanoTime, Optional<String> upgrade) {}

    public final SchedulerService service;
    public final List<SentCall> calls = Collections.synchronizedList(new ArrayList<>());

    private ScheduledService(Map<String, String> env) throws Exception {
        SchedulerService[] holder = new SchedulerService[1];
        this.service = SchedulerService.start(env, mesos -> call -> {
            List<String> stored = new ArrayList<>();
            Optional<String> upgrade = Optional.empty();
            if (holder[0] != null) {
                upgrade = holder[0].store().property(SchedulerLoop.UPGRADE_PROPERTY);
                for (TaskRecord r : holder[0].store().tasks()) {
                    stored.add(org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos.parse(r.taskInfo()).getTaskId()
                            .getValue());
                }
            }
            calls.add(new SentCall(call, stored, System.nanoTime(), upgrade));
            return mesos.send(call);
        });
        holder[0] = service;
    }

    public static ScheduledService start(String masterUri, String zkConnect, int nodes, Map<String, String> extra)
            throws Exception {
        return new ScheduledService(env(masterUri, zkConnect, nodes, extra));
    }

    /** The scheduler environment these tests run with: small nodes, agent addresses, the lightweight executor. */
    public static Map<String, String> env(String masterUri, String zkConnect, int nodes, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("MESOS_MASTER", masterUri);
        env.put("ZOOKEEPER", zkConnect);
        env.put("NODE_COUNT", Integer.toString(nodes));
        env.put("NODE_CPUS", "0.5");
        env.put("NODE_MEM", "1024");
        env.put("NODE_DISK", "1024");
        env.put("COCKROACH_PG_PORT", "31257");
        env.put("COCKROACH_HTTP_PORT", "31258");
        env.put("NODE_ADDRESSING", "agent-ip");
        env.put("PORT_API", "0");
        env.put("EXECUTOR_COMMAND", executorCommand(Optional.empty()));
        env.put("COCKROACH_BINARY", "/nonexistent/cockroach");
        env.putAll(extra);
        return env;
    }

    /** The lightweight executor's command; its jobs fail while {@code failJobsWhile} exists. */
    public static String executorCommand(Optional<Path> failJobsWhile) {
        return executorCommand(failJobsWhile, Optional.empty());
    }

    /** ... and its backup and restore jobs stay running while {@code holdJobsWhile} exists. */
    public static String executorCommand(Optional<Path> failJobsWhile, Optional<Path> holdJobsWhile) {
        return executorCommand(failJobsWhile, holdJobsWhile, Optional.empty());
    }

    /** ... and its nodes fail at once while {@code failNodesWhile} exists. */
    public static String executorCommand(Optional<Path> failJobsWhile, Optional<Path> holdJobsWhile,
            Optional<Path> failNodesWhile) {
        return "exec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + failJobsWhile.map(p -> " '-D" + LightweightExecutor.FAIL_JOBS_WHILE + "=" + p + "'").orElse("")
                + holdJobsWhile.map(p -> " '-D" + LightweightExecutor.HOLD_JOBS_WHILE + "=" + p + "'").orElse("")
                + failNodesWhile.map(p -> " '-D" + LightweightExecutor.FAIL_NODES_WHILE + "=" + p + "'").orElse("")
                + " -cp '" + System.getProperty("java.class.path") + "' " + LightweightExecutor.class.getName();
    }

    public List<Call> callsOf(Call.Type type) {
        synchronized (calls) {
            return calls.stream().map(SentCall::call).filter(c -> c.getType() == type).toList();
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
