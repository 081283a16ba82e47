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
 * @param options a package options file ({@code dcos package install --options}); its
 *                {@code node.count} replaces {@code --nodes}
 */
record LocalArgs(int agents, int nodes, Optional<Path> workDir, boolean keep, boolean fast, Optional<Path> options) {
    static final String USAGE = "usage: local-cluster [--agents N] [--nodes N | --options FILE] [--work-dir DIR] [--keep] [--fast]\n"
            + "       local-cluster --emulator-only [--agents N] [--port P] [--zk URL] [--work-dir DIR] [--fast]";

    LocalArgs(int agents, int nodes, Optional<Path> workDir, boolean keep, boolean fast) {
        this(agents, nodes, workDir, keep, fast, Optional.empty());
    }

    /** Parses {@code args}; a bad one is an {@link IllegalArgumentException} with a one-line reason. */
    static LocalArgs parse(String[] args) {
        int agents = 3;
        int nodes = 3;
        Optional<Path> workDir = Optional.empty();
        boolean keep = false;
        boolean fast = false;
        Optional<Path> options = Optional.empty();
        boolean nodesGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--agents" -> agents = number(a, value(args, ++i, a), 1, 200);
                case "--nodes" -> {
                    nodes = number(a, value(args, ++i, a), 1, 100);
                    nodesGiven = true;
                }
                case "--options" -> options = Optional.of(Path.of(value(args, ++i, a)));
                case "--work-dir" -> workDir = Optional.of(Path.of(value(args, ++i, a)));
                case "--keep" -> keep = true;
                case "--fast" -> fast = true;
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "'; accepted: --agents, --nodes, --options, --work-dir, --keep, --fast (or --emulator-only first)");
            }
        }
        if (nodesGiven && options.isPresent()) {
            throw new IllegalArgumentException("--nodes and --options together: set node.count in the options file");
        }
        if (options.isEmpty() && nodes > agents) {
            throw new IllegalArgumentException("--nodes (" + nodes + ") must not exceed --agents (" + agents
                    + "): nodes are placed one per agent");
        }
        return new LocalArgs(agents, nodes, workDir, keep, fast, options);
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
