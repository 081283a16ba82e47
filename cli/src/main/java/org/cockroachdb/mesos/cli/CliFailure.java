package org.cockroachdb.mesos.cli;

/**
 * Ends a command with a one-line message on stderr and an exit code. The message is what the
 * operator reads: it never carries a credential.
 */
public final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The command line is wrong: exit 2. */
    public static CliFailure usage(String message) {
        return new CliFailure(Exit.USAGE, message);
    }

    /** The scheduler refused or could not be reached: exit 1. */
    public static CliFailure refused(String message) {
        return new CliFailure(Exit.REFUSED, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
