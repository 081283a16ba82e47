package org.cockroachdb.mesos.testkit.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.cockroachdb.mesos.http.detect.ZooKeeperUrl;

/**
 * {@code emulator --agents N [--zk URL] [--port P] [--work-dir DIR] [--fast]}: runs the emulator
 * until killed and prints the master URL on the first line of stdout.
 */
public final class EmulatorMain {
    private EmulatorMain() {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("emulator: " + e.getMessage());
            System.err.println("usage: emulator --agents N [--zk zk://[user:password@]host:port/path] [--port P] [--work-dir DIR] [--fast]");
            System.exit(2);
            return;
        }
        Path workDir = o.workDir.orElse(Files.createTempDirectory("mesos-emulator"));
        EmulatorConfig config = EmulatorConfig.withAgents(o.agents, workDir).withPort(o.port);
        if (o.fast) {
            config = config.fast();
        }
        if (o.zk.isPresent()) {
            config = config.withZk(o.zk.get());
        }
        MesosEmulator emulator = MesosEmulator.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println(emulator.masterUri());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    record Options(int agents, Optional<String> zk, int port, Optional<Path> workDir, boolean fast) {
        static Options parse(String[] args) {
            int agents = 3;
            Optional<String> zk = Optional.empty();
            int port = 5050;
            Optional<Path> workDir = Optional.empty();
            boolean fast = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--agents" -> agents = positive(a, value(args, ++i, a), 1, 200);
                    case "--zk" -> {
                        String v = value(args, ++i, a);
                        ZooKeeperUrl.parse(v); // refused here, with the reason, rather than when registering
                        zk = Optional.of(v);
                    }
                    case "--port" -> port = positive(a, value(args, ++i, a), 0, 65535);
                    case "--work-dir" -> workDir = Optional.of(Path.of(value(args, ++i, a)));
                    case "--fast" -> fast = true;
                    default -> throw new IllegalArgumentException("unknown option '" + a
                            + "'; accepted: --agents, --zk, --port, --work-dir, --fast");
                }
            }
            return new Options(agents, zk, port, workDir, fast);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int positive(String flag, String v, int min, int max) {
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
            }
        }
    }
}
