package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.cockroachdb.mesos.testkit.emulator.conformance.SchedulerCalls.accepted;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.testkit.emulator.AgentSpec;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.Test;

/** Starting and closing the emulator: nothing it started may outlive it. */
class EmulatorLifecycleTest extends EmulatorFixture {

    @Test
    void closingWhileACommandIsStillFetchedLeavesNoProcessBehind() throws Exception {
        // a local copy ignores interrupts: the fetch goes on after close and then spawns the command
        Path payload = workDir.resolve("payload.bin");
        try (RandomAccessFile f = new RandomAccessFile(payload.toFile(), "rw")) {
            f.setLength(256L << 20);
        }
        start(1);
        Path agentDir = emulator.agents().get(0).workDir();
        TestScheduler s = subscribe("orphan");
        Offer o = s.offers().get(0);
        TaskInfo fetching = Ops.commandTask("orphan", o, "echo $$ > pid; exec sleep 300",
                Ops.scalar("cpus", 0.5), Ops.scalar("mem", 64)).toBuilder()
                .setCommand(CommandInfo.newBuilder().setValue("echo $$ > pid; exec sleep 300")
                        .addUris(CommandInfo.URI.newBuilder().setValue(payload.toString()).setExtract(false)))
                .build();
        accepted(s.accept(o, Ops.launch(fetching)));
        await().atMost(Duration.ofSeconds(10)).until(() -> find(agentDir, "payload.bin").isPresent());

        s.close();
        emulator.close();
        emulator = null;

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> livePids(agentDir).isEmpty());
    }

    @Test
    void anEmulatorThatFailsToStartLeavesNoServerOrThreadRunning() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        // the second agent's address is not on this host: it cannot listen, after the first one did
        AgentSpec unbindable = new AgentSpec("192.0.2.1", 4, 8192, 20480, List.of(),
                List.of(new AgentSpec.PortRange(31000, 31999)), Map.of(), Optional.empty());
        EmulatorConfig config = EmulatorConfig.withAgents(1, workDir).fast()
                .withAgents(List.of(AgentSpec.standard(0), unbindable));

        assertThatThrownBy(() -> MesosEmulator.start(config)).isInstanceOf(Exception.class);

        await().atMost(Duration.ofSeconds(10)).until(() -> emulatorThreadsStartedSince(before).isEmpty());
    }

    /** The emulator's own threads and Jetty's, started since {@code before} and still alive. */
    private static List<String> emulatorThreadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(name -> name.startsWith("emulator-") || name.startsWith("qtp"))
                .toList();
    }

    private static Optional<Path> find(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst();
        }
    }

    /** The live processes among the pids commands wrote to {@code pid} in their sandboxes. */
    private static List<ProcessHandle> livePids(Path dir) throws IOException {
        List<ProcessHandle> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().equals("pid")).toList()) {
                String pid = Files.readString(p).strip();
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).ifPresent(out::add);
                }
            }
        }
        return out;
    }
}
