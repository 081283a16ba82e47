package org.cockroachdb.mesos.executor.cockroach;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The startup block {@code cockroach start} prints on stdout once the node has joined or bootstrapped. */
public final class StartupOutput {
    private static final Pattern NODE_ID = Pattern.compile("^nodeID:\\s+(\\d+)\\s*$");

    private StartupOutput() {}

    /** The node id from a {@code nodeID:    3} line; empty for any other line. */
    public static OptionalInt nodeId(String stdoutLine) {
        Matcher m = NODE_ID.matcher(stdoutLine == null ? "" : stdoutLine.strip());
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
