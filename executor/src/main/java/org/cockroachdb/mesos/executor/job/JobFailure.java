package org.cockroachdb.mesos.executor.job;

import org.cockroachdb.mesos.executor.process.StderrTail;

/** A job that could not do its work; the message is the one line TASK_FAILED carries. */
public final class JobFailure extends Exception {
    /** As much of a child's stderr as a failure message carries (the same as for nodes). */
    static final int TAIL_CHARS = 1024;

    public JobFailure(String message) {
        super(OneLine.of(message, 2 * TAIL_CHARS));
    }

    public JobFailure(String message, Throwable cause) {
        super(OneLine.of(message, 2 * TAIL_CHARS), cause);
    }

    /** {@code <what> exited with code <n>: <stderr tail>}, as a node failure reads. */
    public static JobFailure exited(String what, int code, StderrTail tail) {
        String last = tail.joined(TAIL_CHARS);
        return new JobFailure(what + " exited with code " + code + (last.isEmpty() ? "" : ": " + last));
    }
}
