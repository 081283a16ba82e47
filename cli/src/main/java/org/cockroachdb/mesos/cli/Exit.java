package org.cockroachdb.mesos.cli;

/** The CLI's exit codes, as scripts read them. */
public final class Exit {
    /** Done; also a command that had nothing left to do (HTTP 208). */
    public static final int OK = 0;
    /** The scheduler said no, could not be reached, or a watched plan ended in ERROR. */
    public static final int REFUSED = 1;
    /** The command line is wrong (unknown command, missing argument, bad value, no scheduler URL). */
    public static final int USAGE = 2;

    private Exit() {
    }
}
