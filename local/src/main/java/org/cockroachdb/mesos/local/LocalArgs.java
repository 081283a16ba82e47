package org.cockroachdb.mesos.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code local-cluster} options.
 *
 * @param agents  emulated agents
 * @param nodes   cockroach nodes ({@code NODE_COUNT})
 * @param workDir where everything lives; empty = a temp dir
 * @param keep    keep the work dir on exit (a given work dir is always kept)
 * @param fast    second-scale emulator timeouts instead of Mesos's minutes
 */
record LocalArgs(int agents, int nodes, Optional<Path> workDir, boolean keep, boolean fast) {
    static final String USAGE = "usage: local-cluster [--agents N] [--nodes N] [--work-dir DIR] [--keep] [--fast]\n"
            + "       local-cluster --emulator-only [--agents N] [--port P] [--zk URL] [--work-dir DIR] [--fast]";

    /** Parses {@code args}; a bad one is an {@link IllegalArgumentException} with a one-line reason. */
    static LocalArgs parse(String[] args) {
        int agents = 3;
        int nodes = 3;
        Optional<Path> workDir = Optional.empty();
        boolean keep = false;
        boolean fast = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--agents" -> agents = number(a, value(args, ++i, a), 1, 200);
                case "--nodes" -> nodes = number(a, value(args, ++i, a), 1, 100);
                case "--work-dir" -> workDir = Optional.of(Path.of(value(args, ++i, a)));
                case "--keep" -> keep = true;
                case "--fast" -> fast = true;
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "'; accepted: --agents, --nodes, --work-dir, --keep, --fast (or --emulator-only first)");
            }
        }
        if (nodes > agents) {
            throw new IllegalArgumentException("--nodes (" + nodes + ") must not exceed --agents (" + agents
                    + "): nodes are placed one per agent");
        }
        return new LocalArgs(agents, nodes, workDir, keep, fast);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    private static int number(String flag, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
    }
}
