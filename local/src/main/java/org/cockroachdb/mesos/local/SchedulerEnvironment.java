package org.cockroachdb.mesos.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment the scheduler runs with in local mode: a real scheduler configured only by its
 * environment, pointed at this machine's ZooKeeper and master, with nodes addressed by their
 * agent's IP and executors started from this classpath.
 */
final class SchedulerEnvironment {
    static final String SCHEDULER_MAIN = "org.cockroachdb.mesos.scheduler.SchedulerMain";
    static final String EXECUTOR_MAIN = "org.cockroachdb.mesos.executor.ExecutorMain";
    static final List<String> SCHEDULER_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    static final List<String> EXECUTOR_JVM_OPTIONS = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** What a child needs from ours; nothing else leaks in (a stray NODE_COUNT in a shell, say). */
    static final Set<String> INHERITED = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "TZ");

    private SchedulerEnvironment() {}

    /**
     * The scheduler's variables.
     *
     * @param mesosMaster     {@code zk://…/mesos} or {@code http://host:port}
     * @param cockroachBinary the cockroach the agents run (the wrapper script or a real binary)
     * @param extra           overrides, applied last
     */
    static Map<String, String> of(int nodes, int apiPort, String mesosMaster, String zkConnect, int pgPort, int httpPort,
                                  String version, ChildJvm jvm, Path cockroachBinary, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FRAMEWORK_NAME", "cockroachdb");
        env.put("NODE_COUNT", String.valueOf(nodes));
        env.put("NODE_CPUS", "0.5");
        env.put("NODE_MEM", "1024");
        env.put("NODE_DISK", "1024");
        env.put("COCKROACH_VERSION", version);
        env.put("COCKROACH_PG_PORT", String.valueOf(pgPort));
        env.put("COCKROACH_HTTP_PORT", String.valueOf(httpPort));
        env.put("PORT_API", String.valueOf(apiPort));
        env.put("MESOS_MASTER", mesosMaster);
        env.put("ZOOKEEPER", zkConnect);
        // long enough to restart a killed scheduler without Mesos tearing the tasks down
        env.put("FAILOVER_TIMEOUT_SECONDS", "300");
        env.put("NODE_ADDRESSING", "agent-ip");
        env.put("EXECUTOR_COMMAND", executorCommand(jvm));
        env.put("COCKROACH_BINARY", cockroachBinary.toString());
        env.putAll(extra);
        return env;
    }

    /** What only this machine can say: where Mesos and ZooKeeper are, and how agents run our code. */
    static final List<String> LOCAL_ONLY = List.of("MESOS_MASTER", "ZOOKEEPER", "PORT_API", "NODE_ADDRESSING",
            "EXECUTOR_COMMAND", "COCKROACH_BINARY");
    /** The package's download URLs: agents here run the executor and cockroach from this machine. */
    static final List<String> NOT_FETCHED = List.of("EXECUTOR_URI", "JAVA_URI", "COCKROACH_URI");

    /**
     * The scheduler's variables when a package options file is given: the package's rendered env
     * (every option, as on DC/OS) over {@code local}, with local mode's own settings kept and the
     * download URLs cleared (blank = unset), then {@code extra}.
     */
    static Map<String, String> withPackage(Map<String, String> local, Map<String, String> packageEnv,
                                           Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(local);
        env.putAll(packageEnv);
        LOCAL_ONLY.forEach(name -> env.put(name, local.get(name)));
        NOT_FETCHED.forEach(name -> env.put(name, ""));
        env.putAll(extra);
        return env;
    }

    /** The shell command an agent runs to start our executor. */
    static String executorCommand(ChildJvm jvm) {
        return "exec " + jvm.shellCommand(EXECUTOR_JVM_OPTIONS, EXECUTOR_MAIN);
    }

    /** The variables of {@code parent} a child process inherits. */
    static Map<String, String> inherited(Map<String, String> parent) {
        Map<String, String> out = new LinkedHashMap<>();
        parent.forEach((k, v) -> {
            if (INHERITED.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
