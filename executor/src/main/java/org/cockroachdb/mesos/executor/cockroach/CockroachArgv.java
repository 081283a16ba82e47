package org.cockroachdb.mesos.executor.cockroach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;

/**
 * The cockroach command lines the executor runs, per version family (the reference's "flags our
 * scheduler should emit"). Always the full flag set: cockroach remembers only the join list.
 */
public final class CockroachArgv {
    /** Below the sandbox, so the agent's sandbox browser shows cockroach's own log files. */
    public static final String LOG_DIR = "cockroach-logs";

    private CockroachArgv() {}

    /** {@code start ...} in the foreground (never {@code --background}: the executor supervises the process). */
    public static List<String> startArgv(LaunchSpec spec, Path sandbox, VersionFamily family) {
        List<String> argv = new ArrayList<>();
        argv.add("start");
        argv.add("--store=path=" + storePath(spec, sandbox));
        argv.add("--listen-addr=" + spec.listenHost() + ":" + spec.rpcPort());
        argv.add("--advertise-addr=" + spec.advertiseHost() + ":" + spec.rpcPort());
        argv.add("--http-addr=" + spec.listenHost() + ":" + spec.httpPort());
        argv.add("--join=" + String.join(",", spec.join()));
        argv.add("--cache=" + spec.cacheBytes());
        argv.add("--max-sql-memory=" + spec.maxSqlMemoryBytes());
        argv.addAll(securityFlags(spec));
        // v21.1 and v22.x mark --logtostderr/--log-dir deprecated but still honour them, and v23.1+
        // documents them as aliases of --log; so one spelling serves every family we support.
        argv.add("--logtostderr=WARNING");
        argv.add("--log-dir=" + sandbox.resolve(LOG_DIR).toAbsolutePath().normalize());
        return List.copyOf(argv);
    }

    /** {@code init} against this node, which is in the join list (v24 requires that). */
    public static List<String> initArgv(LaunchSpec spec, VersionFamily family) {
        List<String> argv = new ArrayList<>();
        argv.add("init");
        argv.add("--host=" + spec.advertiseHost() + ":" + spec.rpcPort());
        argv.addAll(securityFlags(spec));
        return List.copyOf(argv);
    }

    /** {@code version}: its {@code Build Tag:} line picks the family. */
    public static List<String> versionArgv() {
        return List.of("version");
    }

    /** The store directory, absolute (cockroach resolves a relative one against its working directory). */
    public static Path storePath(LaunchSpec spec, Path sandbox) {
        return sandbox.resolve(spec.storeDir()).toAbsolutePath().normalize();
    }

    /** The binary, absolute: a relative path is relative to the sandbox. */
    public static Path binaryPath(LaunchSpec spec, Path sandbox) {
        return sandbox.resolve(spec.cockroachBinary()).toAbsolutePath().normalize();
    }

    private static List<String> securityFlags(LaunchSpec spec) {
        return switch (spec.security()) {
            case INSECURE -> List.of("--insecure");
        };
    }
}
