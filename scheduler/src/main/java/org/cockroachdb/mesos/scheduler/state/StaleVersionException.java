package org.cockroachdb.mesos.scheduler.state;

/**
 * A conditional write found the znode other than expected: someone else wrote first. Whoever gets it
 * must re-read and decide again; retrying blindly would overwrite the other writer.
 */
public final class StaleVersionException extends RuntimeException {

    public StaleVersionException(String message, Throwable cause) {
        super(message, cause);
    }
}
