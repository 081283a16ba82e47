package org.cockroachdb.mesos.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.curator.test.TestingServer;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.cockroachdb.mesos.universe.OptionsFile;
import org.cockroachdb.mesos.universe.OptionsRefused;
import org.cockroachdb.mesos.universe.PackageRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CockroachDB-on-Mesos cluster on one machine: embedded ZooKeeper, the Mesos emulator with N
 * agents registered in it like a real master, the cockroach stand-in behind a wrapper script, and
 * the real scheduler as a child process (which launches the real executor on the agents).
 * Everything lives under one work dir; {@link #close()} leaves no process behind.
 *
 * <p>With {@link Builder#mesosMaster} the scheduler uses that master instead and no emulator is
 * started; with {@link Builder#cockroachBinary} the agents run that binary instead of the stand-in.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
    public static final String DEFAULT_VERSION = "v23.1.11";
    public static final int DEFAULT_PG_PORT = 26257;
    public static final int DEFAULT_HTTP_PORT = 8123;

    private final Builder options;
    private final Path workDir;
    private TestingServer zooKeeper;
    private String zkConnect;
    private MesosEmulator emulator;
    private LoopbackBlock loopback;
    private String mesosMaster;
    private Path cockroachBinary;
    private int apiPort;
    private Map<String, String> baseEnvironment;
    private SchedulerProcess scheduler;
    private boolean closed;

    private LocalCluster(Builder options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    private void startParts() throws Exception {
        Files.createDirectories(workDir);
        if (options.zookeeper != null) {
            zkConnect = options.zookeeper;
        } else {
            zooKeeper = new TestingServer(-1, workDir.resolve("zookeeper").toFile(), true);
            zkConnect = zooKeeper.getConnectString();
        }
        if (options.mesosMaster != null) {
            mesosMaster = options.mesosMaster;
        } else {
            mesosMaster = "zk://" + zkConnect + "/mesos";
            List<Integer> nodePorts = List.of(options.pgPort, options.httpPort);
            loopback = LoopbackBlock.claim(options.agents, nodePorts, LoopbackBlock.defaultLockDir());
            EmulatorConfig config = EmulatorConfig.withAgents(options.agents, workDir.resolve("mesos"))
                    .withAgents(AgentPorts.agents(options.agents, nodePorts, loopback))
                    .withZk(mesosMaster);
            emulator = MesosEmulator.start(options.fast ? config.fast() : config);
        }
        ChildJvm jvm = new ChildJvm(options.java, options.classpath, workDir);
        if (options.cockroachBinary != null) {
            cockroachBinary = options.cockroachBinary;
        } else {
            String script = CockroachWrapper.script(jvm, workDir.resolve("cockroach-standin"), options.version,
                    options.fast ? CockroachWrapper.fastTunings() : Map.of());
            cockroachBinary = CockroachWrapper.write(workDir.resolve("bin"), script);
        }
        apiPort = freePort();
        if (options.packageEnv == null) {
            baseEnvironment = SchedulerEnvironment.of(options.nodes, apiPort, mesosMaster, zkConnect, options.pgPort,
                    options.httpPort, options.version, jvm, cockroachBinary, options.env);
        } else {
            baseEnvironment = SchedulerEnvironment.withPackage(SchedulerEnvironment.of(options.nodes, apiPort,
                    mesosMaster, zkConnect, options.pgPort, options.httpPort, options.version, jvm, cockroachBinary,
                    Map.of()), options.packageEnv, options.env);
        }
        if (options.scheduler) {
            startScheduler(Map.of());
        }
    }

    /** The scheduler's API, {@code http://127.0.0.1:<PORT_API>}; the same port across restarts. */
    public URI apiUri() {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    /** False when a real master was given. */
    public boolean hasEmulator() {
        return emulator != null;
    }

    /** The emulator, for its state and {@code faults()}; there is none when a real master was given. */
    public MesosEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("no emulator: this cluster uses the Mesos master at " + mesosMaster);
        }
        return emulator;
    }

    /** ZooKeeper's {@code host:port}. */
    public String zkConnect() {
        return zkConnect;
    }

    /** What the scheduler is given as {@code MESOS_MASTER}. */
    public String mesosMaster() {
        return mesosMaster;
    }

    public Path workDir() {
        return workDir;
    }

    /** The cockroach the agents run: the wrapper script, or the real binary given. */
    public Path cockroachBinary() {
        return cockroachBinary;
    }

    /** Where every run of the scheduler writes its stdout and stderr. */
    public Path schedulerLog() {
        return workDir.resolve("scheduler.log");
    }

    /** The scheduler's environment before per-start overrides. */
    public Map<String, String> schedulerEnvironment() {
        return Map.copyOf(baseEnvironment);
    }

    /** The scheduler process of the latest start (possibly exited). */
    public synchronized Process schedulerProcess() {
        if (scheduler == null) {
            throw new IllegalStateException("the scheduler was never started");
        }
        return scheduler.process();
    }

    /** Whether a scheduler is running now. */
    public synchronized boolean schedulerRunning() {
        return scheduler != null && scheduler.process().isAlive();
    }

    /**
     * Starts the scheduler with the base environment plus {@code envOverrides}; returns at once (the
     * API comes up later). Refused while one is running.
     */
    public synchronized Process startScheduler(Map<String, String> envOverrides) throws IOException {
        if (closed) {
            throw new IllegalStateException("the local cluster is closed");
        }
        if (schedulerRunning()) {
            throw new IllegalStateException("a scheduler is already running (pid " + scheduler.process().pid()
                    + "); stop or kill it first");
        }
        Map<String, String> env = new LinkedHashMap<>(SchedulerEnvironment.inherited(System.getenv()));
        env.putAll(baseEnvironment);
        env.putAll(envOverrides);
        ChildJvm jvm = new ChildJvm(options.java, options.classpath, workDir);
        scheduler = SchedulerProcess.start(jvm.argv(SchedulerEnvironment.SCHEDULER_JVM_OPTIONS, options.schedulerMain),
                env, schedulerLog());
        LOG.info("scheduler started (pid {}), API {}, log {}", scheduler.process().pid(), apiUri(), schedulerLog());
        return scheduler.process();
    }

    /** SIGTERM and wait (SIGKILL after 30 s); returns the exit code. */
    public synchronized int stopScheduler() {
        return runningScheduler().stop();
    }

    /** SIGKILL and wait, as a crash would; returns the exit code. */
    public synchronized int killScheduler() {
        return runningScheduler().kill();
    }

    private SchedulerProcess runningScheduler() {
        if (!schedulerRunning()) {
            throw new IllegalStateException("no scheduler is running");
        }
        return scheduler;
    }

    /** The last {@code lines} lines of the scheduler log, for failure messages. */
    public String schedulerLogTail(int lines) {
        try {
            List<String> all = Files.exists(schedulerLog()) ? Files.readAllLines(schedulerLog()) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + schedulerLog() + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the scheduler (SIGTERM), the emulator (which kills executors and their cockroach
     * children) and ZooKeeper, then kills, with a warning, any process of this cluster still running.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (schedulerRunning()) {
            attempt("the scheduler", () -> scheduler.stop());
        }
        if (emulator != null) {
            attempt("the emulator", emulator::close);
        }
        if (zooKeeper != null) {
            attempt("ZooKeeper", zooKeeper::close);
        }
        attempt("leftover processes", () -> Leftovers.kill(workDir, Duration.ofSeconds(10)));
        if (loopback != null) {
            attempt("the loopback block", loopback::close);
        }
        if (options.deleteWorkDir) {
            attempt("the work dir", () -> deleteTree(workDir));
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(String what, Step step) {
        try {
            step.run();
        } catch (Exception | Error e) {
            LOG.warn("error while stopping {}", what, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Options; {@link #start()} builds and starts the cluster. */
    public static final class Builder {
        private int agents = 3;
        private int nodes = 3;
        private Path workDir;
        /** null: delete only a temp dir made here. */
        private Boolean deleteWorkDir;
        private final Map<String, String> env = new LinkedHashMap<>();
        private boolean scheduler = true;
        private boolean fast;
        private String mesosMaster;
        private String zookeeper;
        private Path cockroachBinary;
        private String version = DEFAULT_VERSION;
        private int pgPort = DEFAULT_PG_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private String classpath = System.getProperty("java.class.path");
        private String schedulerMain = SchedulerEnvironment.SCHEDULER_MAIN;
        private Path optionsFile;
        /** The package's env rendered from {@link #optionsFile}; null without one. */
        private Map<String, String> packageEnv;

        private Builder() {}

        /**
         * Configures the scheduler as {@code dcos package install cockroachdb --options=<file>}
         * would: the package rendered with these options gives its env (node count, resources,
         * ports, version, name, ...); local mode keeps only its own master, ZooKeeper, API port,
         * executor command and cockroach binary. Checked before anything starts.
         */
        public Builder options(Path file) {
            optionsFile = file;
            return this;
        }

        /** Emulated agents, 1–200 (default 3). */
        public Builder agents(int value) {
            if (value < 1 || value > 200) {
                throw new IllegalArgumentException("agents must be from 1 to 200, got " + value);
            }
            agents = value;
            return this;
        }

        /** {@code NODE_COUNT} (default 3). */
        public Builder nodes(int value) {
            if (value < 1 || value > 100) {
                throw new IllegalArgumentException("nodes must be from 1 to 100, got " + value);
            }
            nodes = value;
            return this;
        }

        /** Where everything lives (default: a new temp dir, deleted on close). */
        public Builder workDir(Path value) {
            workDir = value;
            return this;
        }

        /** Whether close() deletes the work dir (default: only a temp dir this builder made). */
        public Builder deleteWorkDir(boolean value) {
            deleteWorkDir = value;
            return this;
        }

        /** One scheduler variable, overriding local mode's value. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        /** Start ZooKeeper, the emulator and the cockroach wrapper only; {@link #startScheduler} later or never. */
        public Builder withoutScheduler() {
            scheduler = false;
            return this;
        }

        /** Test timings: the emulator's {@code fast()} and short stand-in tunings. */
        public Builder fast() {
            fast = true;
            return this;
        }

        /** Use this Mesos master ({@code zk://…} or {@code http://…}) instead of starting the emulator. */
        public Builder mesosMaster(String value) {
            mesosMaster = value;
            return this;
        }

        /** Use this ZooKeeper ({@code host:port}) instead of an embedded one. */
        public Builder zookeeper(String value) {
            zookeeper = value;
            return this;
        }

        /** Agents run this cockroach binary instead of the stand-in. */
        public Builder cockroachBinary(Path value) {
            cockroachBinary = value;
            return this;
        }

        /**
         * Takes {@code MESOS_MASTER} (a real master) and {@code COCKROACH_BINARY} (a real cockroach)
         * from {@code environment} when set.
         */
        public Builder honour(Map<String, String> environment) {
            String master = environment.get("MESOS_MASTER");
            if (master != null && !master.isBlank()) {
                mesosMaster = master;
            }
            String binary = environment.get("COCKROACH_BINARY");
            if (binary != null && !binary.isBlank()) {
                cockroachBinary = Path.of(binary).toAbsolutePath();
            }
            return this;
        }

        /** {@code COCKROACH_VERSION}, also the stand-in's release (default v23.1.11). */
        public Builder cockroachVersion(String value) {
            version = value;
            return this;
        }

        public Builder pgPort(int value) {
            pgPort = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        /** The nodes' count, ports and release come from the package env; agents must offer them. */
        private void usePackageEnv(Map<String, String> env) throws OptionsRefused {
            int count = Integer.parseInt(env.get("NODE_COUNT"));
            if (count > agents) {
                throw new OptionsRefused(List.of(optionsFile + ": node.count (" + count + ") must not exceed the"
                        + " agents (" + agents + "): local nodes are placed one per agent"));
            }
            nodes = count;
            pgPort = Integer.parseInt(env.get("COCKROACH_PG_PORT"));
            httpPort = Integer.parseInt(env.get("COCKROACH_HTTP_PORT"));
            String release = env.getOrDefault("COCKROACH_VERSION", "");
            if (!release.isBlank()) {
                version = release;
            }
            packageEnv = Map.copyOf(env);
        }

        /** The classpath of the scheduler, executor and stand-in (default: this JVM's). */
        public Builder classpath(String value) {
            classpath = value;
            return this;
        }

        /** The scheduler's main class (default {@code SchedulerMain}); harness tests put a stand-in here. */
        public Builder schedulerMain(String value) {
            schedulerMain = value;
            return this;
        }

        /**
         * Starts everything; with {@link #options} a refused options file throws
         * {@link OptionsRefused} (each problem prefixed with the file) before anything starts.
         */
        public LocalCluster start() throws Exception {
            if (optionsFile != null) {
                usePackageEnv(renderedEnv(optionsFile));
            }
            Path dir = workDir != null ? workDir : Files.createTempDirectory("cockroachdb-local");
            if (deleteWorkDir == null) {
                deleteWorkDir = workDir == null;
            }
            Files.createDirectories(dir);
            LocalCluster c = new LocalCluster(this, dir.toRealPath());
            try {
                c.startParts();
            } catch (Exception | Error e) {
                c.close();
                throw e;
            }
            return c;
        }
    }

    /** The package's env for an options file; refusals name the file (reading ones already do). */
    private static Map<String, String> renderedEnv(Path file) throws OptionsRefused {
        JsonNode options = OptionsFile.read(file);
        try {
            return PackageRenderer.fromClasspath().render(options).env();
        } catch (OptionsRefused e) {
            throw new OptionsRefused(e.problems().stream().map(problem -> file + ": " + problem).toList());
        }
    }

    /** For messages: what runs where. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("work dir:      " + workDir);
        lines.add("ZooKeeper:     " + zkConnect);
        lines.add("Mesos master:  " + (emulator != null ? emulator.masterUri() + " (emulator, " + mesosMaster + ")" : mesosMaster));
        lines.add("cockroach:     " + cockroachBinary);
        lines.add("scheduler API: " + apiUri());
        lines.add("scheduler log: " + schedulerLog());
        return lines;
    }
}
