package org.cockroachdb.mesos.testkit.emulator.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Base for conformance tests: a fresh emulator (fast timings) per test, closed with its schedulers. */
abstract class EmulatorFixture {
    @TempDir
    Path workDir;

    MesosEmulator emulator;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    MesosEmulator start(int agents) throws Exception {
        return start(agents, c -> c);
    }

    MesosEmulator start(int agents, UnaryOperator<EmulatorConfig> tweak) throws Exception {
        emulator = MesosEmulator.start(tweak.apply(EmulatorConfig.withAgents(agents, workDir).fast()));
        return emulator;
    }

    TestScheduler subscribe(FrameworkInfo info) {
        TestScheduler s = TestScheduler.subscribe(emulator.schedulerEndpoint(), info);
        closeables.add(s);
        return s;
    }

    TestScheduler subscribe(String name) {
        return subscribe(Frameworks.modern(name));
    }

    <T extends AutoCloseable> T closeLater(T c) {
        closeables.add(c);
        return c;
    }

    @AfterEach
    void stopEmulator() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
