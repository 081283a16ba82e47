package org.cockroachdb.mesos.executor.standin;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.executor.spec.StatusLabels;
import org.cockroachdb.mesos.executor.supervise.NodeSupervisor;
import org.cockroachdb.mesos.executor.supervise.RecordingSink;

/**
 * A one-node stand-in cluster for job tests, run the way production runs it: by a
 * {@link NodeSupervisor}, initialized and ready before {@link #start} returns.
 */
public final class RunningNode implements AutoCloseable {
    private final NodeSupervisor supervisor;
    private final LaunchSpec spec;
    private final Path binary;

    private RunningNode(NodeSupervisor supervisor, LaunchSpec spec, Path binary) {
        this.supervisor = supervisor;
        this.spec = spec;
        this.binary = binary;
    }

    /** Writes the {@code cockroach} wrapper for {@code release} under {@code dir} and starts a node with it. */
    public static RunningNode start(Path dir, String release) throws Exception {
        Path binary = StandinBinary.write(dir.resolve("bin"), release, dir.resolve("home"));
        LaunchSpec spec = StandinBinary.spec(binary, release, true, Duration.ofSeconds(30));
        Path sandbox = Files.createDirectories(dir.resolve("node-sandbox"));
        RecordingSink sink = new RecordingSink();
        TaskInfo task = TaskInfo.newBuilder().setName("node-0").setTaskId(TaskID.newBuilder().setValue("node-0"))
                .setAgentId(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("agent-0"))
                .setData(ByteString.copyFrom(spec.toJson())).build();
        NodeSupervisor supervisor = new NodeSupervisor(task, sandbox, sink, false);
        supervisor.start();
        RunningNode node = new RunningNode(supervisor, spec, binary);
        await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.terminated().isDone()
                || sink.first(RecordingSink.label(StatusLabels.READINESS, StatusLabels.READINESS_PASSED)).isPresent());
        if (supervisor.terminated().isDone()) {
            throw new AssertionError("the node did not start: " + sink.sent);
        }
        return node;
    }

    /** {@code host:port} for {@code --host} and SQL. */
    public String address() {
        return "127.0.0.1:" + spec.rpcPort();
    }

    /** The {@code cockroach} wrapper that talks to this node's cluster. */
    public Path binary() {
        return binary;
    }

    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + address() + "/" + database, p);
    }

    @Override
    public void close() throws java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        supervisor.kill(Duration.ofSeconds(10));
        try {
            supervisor.terminated().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
