package org.cockroachdb.mesos.executor.spec;

/** A launch spec the executor cannot run; the message is one line naming the field and what is accepted. */
public final class InvalidLaunchSpecException extends IllegalArgumentException {
    public InvalidLaunchSpecException(String message) {
        super(message);
    }
}
