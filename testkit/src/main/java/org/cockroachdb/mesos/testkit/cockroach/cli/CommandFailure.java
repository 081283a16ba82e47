package org.cockroachdb.mesos.testkit.cockroach.cli;

/** A command that ends with a message on stderr and a non-zero exit, as cockroach's commands do. */
public final class CommandFailure extends Exception {
    private final int exitCode;

    public CommandFailure(String message) {
        this(message, 1);
    }

    public CommandFailure(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
