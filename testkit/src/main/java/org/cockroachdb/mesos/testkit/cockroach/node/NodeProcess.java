package org.cockroachdb.mesos.testkit.cockroach.node;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.cert.CertificateLoadException;
import org.cockroachdb.mesos.testkit.cockroach.cert.CertificateReload;
import org.cockroachdb.mesos.testkit.cockroach.cert.KeyPermissions;
import org.cockroachdb.mesos.testkit.cockroach.cli.CommandFailure;
import org.cockroachdb.mesos.testkit.cockroach.cluster.ClusterDir;
import org.cockroachdb.mesos.testkit.cockroach.cluster.ClusterState;
import org.cockroachdb.mesos.testkit.cockroach.cluster.ClusterVersion;
import org.cockroachdb.mesos.testkit.cockroach.cluster.ClusterView;
import org.cockroachdb.mesos.testkit.cockroach.cluster.Membership;
import org.cockroachdb.mesos.testkit.cockroach.cluster.NodeRecord;
import org.cockroachdb.mesos.testkit.cockroach.cluster.Tuning;
import org.cockroachdb.mesos.testkit.cockroach.sql.NodeContext;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;

/**
 * {@code cockroach start}: one stand-in node as a real process. It binds its ports, joins (or waits
 * for {@code cockroach init}), keeps its identity in its store, heartbeats into the cluster's shared
 * state, serves health, RPC and SQL, and drains on SIGTERM.
 */
public final class NodeProcess implements NodeContext {
    private final Release release;
    private final StartFlags flags;
    private final Tuning tuning;
    private final Map<String, String> env;
    private final PrintStream out;
    private final NodeLog log;
    private final long startNanos = System.nanoTime();
    private final CountDownLatch exit = new CountDownLatch(1);
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile int exitCode;
    private volatile ClusterDir cluster;
    private volatile int nodeId;
    private volatile boolean initRequested;
    private volatile boolean bootstrappedHere;
    private Address rpcAdvertise;
    private Address sqlAdvertise;
    private Address httpAdvertise;
    private SharedPort rpcPort;
    private SharedPort sqlPort;
    private NodeHttp http;
    private SqlConnections sql;
    private CertificateReload certificates;

    NodeProcess(Release release, StartFlags flags, Tuning tuning, Map<String, String> env, PrintStream out, PrintStream err) {
        this.release = release;
        this.flags = flags;
        this.tuning = tuning;
        this.env = env;
        this.out = out;
        this.log = new NodeLog(flags.firstStore(), flags.logToStderr(), err);
    }

    /** Runs the node until it drains or is killed; returns the exit code. */
    public static int run(Release release, StartFlags flags, Map<String, String> env, PrintStream out, PrintStream err,
                          Function<NodeContext, SqlConnections> sqlFactory) throws CommandFailure {
        Tuning tuning;
        try {
            tuning = Tuning.from(env);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("ERROR: " + e.getMessage());
        }
        NodeProcess node = new NodeProcess(release, flags, tuning, env, out, err);
        flags.warnings().forEach(w -> err.println(w));
        return node.serve(sqlFactory);
    }

    private int serve(Function<NodeContext, SqlConnections> sqlFactory) throws CommandFailure {
        try {
            Files.createDirectories(flags.firstStore());
        } catch (IOException e) {
            throw new CommandFailure("ERROR: cannot create store directory " + flags.firstStore() + ": " + e.getMessage());
        }
        loadCertificates();
        sql = sqlFactory.apply(this);
        bind();
        PosixSignals.handle("TERM", () -> shutdown("terminated"));
        PosixSignals.handle("INT", () -> shutdown("interrupt"));
        PosixSignals.handle("HUP", this::reloadCertificates);
        String status = joinOrBootstrap();
        Thread heartbeat = new Thread(this::heartbeatLoop, "heartbeat");
        heartbeat.setDaemon(true);
        heartbeat.start();
        writeReadinessFiles();
        printBanner(status);
        try {
            exit.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exitCode;
    }

    // ---------------------------------------------------------------- ports

    private void bind() throws CommandFailure {
        try {
            ServerSocket rpcSocket = listen(flags.listen(), "--listen-addr");
            rpcPort = new SharedPort(rpcSocket, this::rpc, sql, log);
            Address listen = flags.listen().withPort(rpcPort.port());
            rpcAdvertise = advertised(flags.advertise(), listen);
            if (flags.sql().isPresent()) {
                sqlPort = new SharedPort(listen(flags.sql().get(), "--sql-addr"), this::rpc, sql, log);
                sqlAdvertise = advertised(flags.advertiseSql().orElse(flags.sql().get().withHost(rpcAdvertise.host())),
                        flags.sql().get().withPort(sqlPort.port()));
            } else {
                sqlAdvertise = rpcAdvertise;
            }
            http = new NodeHttp(this, flags.http().bindHost(), flags.http().port());
            httpAdvertise = new Address(flags.http().host().isEmpty() ? rpcAdvertise.host() : flags.http().host(), http.port());
        } catch (IOException e) {
            throw new CommandFailure("ERROR: " + e.getMessage());
        }
    }

    private static ServerSocket listen(Address a, String flag) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        try {
            s.bind(new InetSocketAddress(InetAddress.getByName(a.bindHost()), a.port()), 128);
        } catch (IOException e) {
            s.close();
            throw new IOException("failed to listen on " + flag + " " + a + ": " + e.getMessage(), e);
        }
        return s;
    }

    /** The advertised address: the flag's host (or this host's name) and, for port 0, the bound port. */
    private static Address advertised(Address flag, Address bound) throws IOException {
        String host = flag.host().isEmpty() ? (bound.host().isEmpty() ? InetAddress.getLocalHost().getHostName() : bound.host())
                : flag.host();
        int port = flag.port() == 0 ? bound.port() : flag.port();
        return new Address(host, port);
    }

    // ---------------------------------------------------------------- joining

    private String joinOrBootstrap() throws CommandFailure {
        Optional<NodeIdentity> identity = NodeIdentity.read(flags.firstStore());
        if (identity.isPresent()) {
            ClusterDir dir = ClusterDir.open(Path.of(identity.get().clusterDir())).orElseThrow(() -> new CommandFailure(
                    "ERROR: the store at " + flags.firstStore() + " belongs to cluster " + identity.get().clusterId()
                            + ", which no longer exists"));
            long now = System.currentTimeMillis();
            NodeRecord me = dir.read().nodes().get(identity.get().nodeId());
            if (me != null && me.membership() == Membership.DECOMMISSIONED) {
                throw new CommandFailure("ERROR: node " + me.id() + " is decommissioned and cannot rejoin the cluster");
            }
            refuseOlderBinary(dir.read());
            dir.update(s -> s.withNode(record(identity.get().nodeId(), now, s)).membershipChanged(now));
            become(dir, identity.get().nodeId());
            return "restarted pre-existing node";
        }
        if (flags.singleNode() || (flags.join().isEmpty() && release.bootstrapsWithoutJoin())) {
            bootstrap();
            return "initialized new cluster";
        }
        out.println("*\n* INFO: initial startup completed.\n* Node will now attempt to join a running cluster, or wait for"
                + " `cockroach init`.\n* Client connections will be accepted after this completes successfully.\n"
                + "* Check the log file(s) for progress.\n*");
        out.flush();
        log.info("no stores initialized");
        log.info("awaiting `cockroach init` or join with an already initialized node");
        while (true) {
            if (draining.get()) {
                throw new IllegalStateException("unreachable: a draining node exits");
            }
            if (initRequested) {
                bootstrap();
                return "initialized new cluster";
            }
            for (String peer : flags.join()) {
                Optional<ClusterDir> found = askToJoin(peer);
                if (found.isPresent()) {
                    joinCluster(found.get());
                    return "initialized new node, joined pre-existing cluster";
                }
            }
            waitBriefly();
        }
    }

    private synchronized void waitBriefly() {
        try {
            wait(200); // woken early by an INIT request
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<ClusterDir> askToJoin(String peer) {
        if (peer.equals(rpcAdvertise.toString())) {
            return Optional.empty();
        }
        try {
            var answer = Rpc.call(peer, "JOIN", Rpc.object(), 2000);
            if (answer.path("initialized").asBoolean(false)) {
                return ClusterDir.open(Path.of(answer.path("clusterDir").asText()));
            }
        } catch (IOException e) {
            // the peer is not up yet; keep trying, as cockroach does
        }
        return Optional.empty();
    }

    private void bootstrap() {
        bootstrappedHere = true;
        long now = System.currentTimeMillis();
        String id = UUID.randomUUID().toString();
        ClusterDir dir = ClusterDir.create(ClusterDir.home(env), ClusterState.bootstrap(id, now, flags.singleNode())
                .withSetting(ClusterVersion.SETTING, release.clusterVersion()));
        dir.update(s -> s.withNode(record(1, now, s)).membershipChanged(now));
        new NodeIdentity(id, 1, dir.path().toString()).write(flags.firstStore());
        become(dir, 1);
    }

    private void joinCluster(ClusterDir dir) throws CommandFailure {
        refuseOlderBinary(dir.read());
        long now = System.currentTimeMillis();
        ClusterState after = dir.update(s -> s.withNode(record(s.nextNodeId(), now, s)).membershipChanged(now));
        int id = after.nextNodeId() - 1;
        new NodeIdentity(after.clusterId(), id, dir.path().toString()).write(flags.firstStore());
        become(dir, id);
    }

    private void refuseOlderBinary(ClusterState state) throws CommandFailure {
        Optional<String> refusal = ClusterVersion.startRefusal(state, release.clusterVersion());
        if (refusal.isPresent()) {
            throw new CommandFailure("ERROR: cannot start " + release.tag() + ": " + refusal.get());
        }
    }

    private NodeRecord record(int id, long now, ClusterState s) {
        NodeRecord existing = s.nodes().get(id);
        if (existing != null) {
            return existing.restarted(rpcAdvertise.toString(), sqlAdvertise.toString(), httpAdvertise.toString(),
                    flags.locality(), release.tag(), now);
        }
        return new NodeRecord(id, rpcAdvertise.toString(), sqlAdvertise.toString(), httpAdvertise.toString(),
                flags.locality(), release.tag(), now, now, false, Membership.ACTIVE, 0, 0);
    }

    private synchronized void become(ClusterDir dir, int id) {
        this.nodeId = id;
        this.cluster = dir;
        notifyAll();
    }

    private void heartbeatLoop() {
        while (exit.getCount() > 0) {
            try {
                long now = System.currentTimeMillis();
                ClusterState beat = cluster.update(s -> {
                    NodeRecord me = s.nodes().get(nodeId);
                    return me == null ? s : s.withNode(me.heartbeat(now).withDraining(draining.get()));
                });
                if (ClusterVersion.autoUpgrade(new ClusterView(beat, tuning, now)) != beat) {
                    cluster.update(s -> ClusterVersion.autoUpgrade(new ClusterView(s, tuning, System.currentTimeMillis())));
                    log.info("cluster version upgraded to " + cluster.read().settings().get(ClusterVersion.SETTING));
                }
            } catch (UncheckedIOException e) {
                log.warning("heartbeat failed: " + e.getMessage());
            }
            try {
                Thread.sleep(tuning.heartbeat().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- what others ask

    ClusterDir cluster() {
        return cluster;
    }

    int id() {
        return nodeId;
    }

    Tuning tuning() {
        return tuning;
    }

    Optional<ClusterView> view() {
        ClusterDir c = cluster;
        return c == null ? Optional.empty() : Optional.of(new ClusterView(c.read(), tuning, System.currentTimeMillis()));
    }

    /** Null when this node is ready to serve SQL (the readiness check), else why not. */
    String notReady() {
        if (draining.get()) {
            return "node is shutting down";
        }
        Optional<ClusterView> v = view();
        if (v.isEmpty()) {
            return "node is waiting for cluster initialization";
        }
        return v.get().notReadyReason(nodeId);
    }

    boolean draining() {
        return draining.get();
    }

    /** An INIT request: bootstrap here, unless this node already belongs to a cluster. */
    synchronized String requestInit() {
        if (cluster != null) {
            return "cluster has already been initialized with ID " + cluster.read().clusterId();
        }
        initRequested = true;
        notifyAll();
        long deadline = System.currentTimeMillis() + 10_000;
        while (cluster == null && System.currentTimeMillis() < deadline) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (cluster == null) {
            return "timed out waiting for the node to bootstrap";
        }
        // it may have joined an existing cluster at the same moment: then this init bootstrapped nothing
        return bootstrappedHere ? null : "cluster has already been initialized with ID " + cluster.read().clusterId();
    }

    private void rpc(java.net.Socket socket, String line) {
        new RpcService(this, release).answer(socket, line);
    }

    // ---------------------------------------------------------------- shutdown

    /** Drain without exiting ({@code node drain}): not ready, no new SQL sessions. */
    void drain() {
        if (draining.compareAndSet(false, true)) {
            log.info("drain requested");
            markDraining();
        }
    }

    private void markDraining() {
        ClusterDir c = cluster;
        if (c != null) {
            c.update(s -> {
                NodeRecord me = s.nodes().get(nodeId);
                return me == null ? s : s.withNode(me.withDraining(true));
            });
        }
    }

    /** SIGTERM or SIGINT, or {@code quit}: drain gracefully, then exit 0. */
    void shutdown(String signal) {
        if (cluster == null) {
            out.println("too early to drain; used hard shutdown instead");
            out.flush();
            Runtime.getRuntime().halt(1);
        }
        if (!draining.compareAndSet(false, true)) {
            if (signal.equals("interrupt")) {
                out.println("received signal \"interrupt\" during shutdown, initiating hard shutdown");
                out.flush();
                PosixSignals.dieOf("INT");
            } else {
                out.println("received additional signal \"" + signal + "\"; continuing graceful shutdown");
                out.flush();
            }
            return;
        }
        out.println("initiating graceful shutdown of server");
        out.flush();
        log.info("initiating graceful shutdown of server");
        markDraining();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(tuning.drain().toMillis()); // the time real drain phases take, shortened by tuning
            } catch (InterruptedException ignored) {
                // exit all the same
            }
            closePorts();
            out.println("server drained and shutdown completed");
            out.flush();
            log.info("server drained and shutdown completed");
            exitCode = 0;
            exit.countDown();
        }, "drain");
        t.setDaemon(true);
        t.start();
    }

    private void closePorts() {
        try {
            rpcPort.close();
            if (sqlPort != null) {
                sqlPort.close();
            }
        } catch (IOException ignored) {
            // closing on the way out
        }
        http.close();
    }

    /** Secure mode: the node refuses to start with a readable key or certificates it cannot load. */
    private void loadCertificates() throws CommandFailure {
        if (flags.insecure() || flags.certsDir().isEmpty()) {
            return;
        }
        KeyPermissions permissions = KeyPermissions.fromEnvironment();
        Optional<String> problem = permissions.problem(flags.certsDir().get());
        if (problem.isPresent()) {
            throw new CommandFailure("ERROR: cannot load certificates.\n"
                    + "Check your certificate settings, set --certs-dir, or use --insecure for insecure clusters.\n\n"
                    + problem.get());
        }
        try {
            certificates = CertificateReload.load(flags.certsDir().get(), permissions);
        } catch (CertificateLoadException e) {
            throw new CommandFailure("ERROR: cannot load certificates.\n"
                    + "Check your certificate settings, set --certs-dir, or use --insecure for insecure clusters.\n\n"
                    + e.getMessage());
        }
    }

    private void reloadCertificates() {
        log.info(CertificateReload.SIGHUP_LOG_LINE);
        if (certificates == null) {
            return;
        }
        CertificateReload.Outcome outcome = certificates.reload();
        if (outcome.failure().isPresent()) {
            log.warning(CertificateReload.FAILURE_LOG_PREFIX + outcome.failure().get());
        } else {
            log.info("certificates reloaded from " + flags.certsDir().get()
                    + (outcome.nodeCertificateChanged() ? " (new node certificate)" : ""));
        }
    }

    // ---------------------------------------------------------------- start-up output

    private void writeReadinessFiles() {
        try {
            if (flags.pidFile().isPresent()) {
                Files.writeString(flags.pidFile().get(), ProcessHandle.current().pid() + "\n");
            }
            if (flags.listeningUrlFile().isPresent()) {
                Files.writeString(flags.listeningUrlFile().get(), sqlUrl() + "\n");
            }
        } catch (IOException e) {
            log.error("cannot write the pid or listening-url file: " + e.getMessage());
        }
    }

    private String sqlUrl() {
        String mode = flags.insecure() ? "sslmode=disable"
                : "sslcert=" + flags.certsDir().get().resolve("client.root.crt") + "&sslkey="
                        + flags.certsDir().get().resolve("client.root.key") + "&sslmode=verify-full&sslrootcert="
                        + flags.certsDir().get().resolve("ca.crt");
        return "postgresql://root@" + sqlAdvertise + "/defaultdb?" + mode;
    }

    private void printBanner(String status) {
        ClusterState s = cluster.read();
        Path store = flags.firstStore().toAbsolutePath();
        double took = Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
        StringBuilder b = new StringBuilder();
        b.append("CockroachDB node starting at ").append(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z 'UTC'")))
                .append(" (took ").append(String.format("%.1f", took)).append("s)\n");
        b.append(line("build:", "CCL " + release.tag() + " @ " + VersionText.buildTime(release) + " (" + release.goVersion() + ")"));
        b.append(line("webui:", (flags.insecure() ? "http://" : "https://") + httpAdvertise));
        b.append(line("sql:", sqlUrl()));
        if (release.atLeast(20, 1)) {
            b.append(line("sql (JDBC):", "jdbc:postgresql://" + sqlAdvertise + "/defaultdb?"
                    + (flags.insecure() ? "sslmode=disable" : "sslmode=verify-full") + "&user=root"));
        }
        b.append(line("RPC client flags:", "cockroach <client cmd> --host=" + rpcAdvertise
                + (flags.insecure() ? " --insecure" : " --certs-dir=" + flags.certsDir().get())));
        b.append(line("logs:", store.resolve("logs").toString()));
        b.append(line("temp dir:", store.resolve("cockroach-temp").toString()));
        b.append(line("external I/O path:", store.resolve("extern").toString()));
        b.append(line("store[0]:", "path=" + store));
        b.append(line("storage engine:", release.atLeast(20, 2) ? "pebble" : "rocksdb"));
        b.append(line("clusterID:", s.clusterId()));
        b.append(line("status:", status));
        b.append(line("nodeID:", String.valueOf(nodeId)));
        out.print(b);
        out.flush();
        log.info("node " + nodeId + " started: " + status);
    }

    private static String line(String key, String value) {
        return String.format("%-20s %s%n", key, value);
    }

    // ---------------------------------------------------------------- NodeContext (for SQL)

    @Override
    public int nodeId() {
        return nodeId;
    }

    @Override
    public Release release() {
        return release;
    }

    @Override
    public Path sqlDataDir() {
        return cluster.sqlDir();
    }

    @Override
    public Optional<SqlError> unavailable() {
        if (draining.get()) {
            return Optional.of(new SqlError("57P01", "server is not accepting clients, try another node", true));
        }
        Optional<ClusterView> v = view();
        if (v.isEmpty()) {
            return Optional.of(new SqlError("57P03", "node is waiting for cluster initialization", true));
        }
        NodeRecord me = v.get().state().nodes().get(nodeId);
        if (me != null && me.membership() == Membership.DECOMMISSIONED) {
            return Optional.of(new SqlError("57P01", "node is decommissioned", true));
        }
        if (!v.get().quorum()) {
            return Optional.of(new SqlError("57P03", "cluster unavailable: " + v.get().liveNodes() + " of "
                    + v.get().members().size() + " nodes live, a majority is needed"));
        }
        return Optional.empty();
    }

    @Override
    public String setting(String name) {
        String v = cluster.read().settings().get(name);
        if (v != null) {
            return v;
        }
        return name.equals("version") ? release.clusterVersion() : "";
    }

    @Override
    public void setSetting(String name, String value) {
        cluster.update(s -> s.withSetting(name, value));
    }

    @Override
    public void resetSetting(String name) {
        cluster.update(s -> s.withSetting(name, null));
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
