package org.cockroachdb.mesos.executor.supervise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.executor.cockroach.CockroachArgv;
import org.cockroachdb.mesos.executor.cockroach.CockroachVersion;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.process.CockroachProcess;
import org.cockroachdb.mesos.executor.spec.InvalidLaunchSpecException;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;

/**
 * Everything before cockroach starts: read the launch spec, check the binary is the release the
 * scheduler expects, and make the store and log directories. Either a node ready to start or the
 * one-line reason it cannot.
 */
sealed interface Preparation {
    Duration VERSION_TIMEOUT = Duration.ofSeconds(60);

    /** Ready to run {@code start}. */
    record Ready(LaunchSpec spec, Path binary, CockroachVersion version, VersionFamily family) implements Preparation {
        List<String> command(List<String> args) {
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(args);
            return command;
        }
    }

    /** The task cannot run; {@code reason} goes into TASK_FAILED. */
    record Refused(String reason) implements Preparation {}

    static Preparation of(TaskInfo task, Path sandbox) {
        LaunchSpec spec;
        try {
            spec = LaunchSpec.fromJson(task.getData().toByteArray());
        } catch (InvalidLaunchSpecException e) {
            return new Refused("invalid launch spec: " + e.getMessage());
        }
        Path binary = CockroachArgv.binaryPath(spec, sandbox);
        if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
            return new Refused("cockroachBinary " + binary + " is not an executable file");
        }
        CockroachProcess.Result result;
        try {
            result = CockroachProcess.run(List.of(binary.toString(), "version"), sandbox, VERSION_TIMEOUT);
        } catch (IOException e) {
            return new Refused("cannot run " + binary + " version: " + e.getMessage());
        }
        if (result.timedOut()) {
            return new Refused(binary + " version did not finish within " + VERSION_TIMEOUT.toSeconds() + " s");
        }
        Optional<CockroachVersion> version = CockroachVersion.parse(result.output());
        if (version.isEmpty()) {
            String said = result.output().strip().lines().findFirst().orElse("");
            return new Refused(binary + " version printed no 'Build Tag:' line (exit code " + result.exitCode()
                    + (said.isEmpty() ? "" : ": " + said) + ")");
        }
        int[] expected = spec.expectedMajorMinor();
        if (!version.get().sameMajorMinor(expected[0], expected[1])) {
            return new Refused("cockroach binary " + binary + " is " + version.get().tag() + " but the launch spec expects "
                    + spec.expectedVersion() + " (major.minor differ)");
        }
        Optional<VersionFamily> family = VersionFamily.of(version.get());
        if (family.isEmpty()) {
            return new Refused("cockroach " + version.get().tag() + " is not supported: v2.1 or newer is needed");
        }
        try {
            Files.createDirectories(CockroachArgv.storePath(spec, sandbox));
            Files.createDirectories(sandbox.resolve(CockroachArgv.LOG_DIR));
        } catch (IOException e) {
            return new Refused("cannot create the store directory " + CockroachArgv.storePath(spec, sandbox) + ": "
                    + e.getMessage());
        }
        return new Ready(spec, binary, version.get(), family.get());
    }
}
