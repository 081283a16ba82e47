package org.cockroachdb.mesos.testkit.cockroach.pgwire;

/**
 * The client broke the wire protocol (bad length, truncated body, unknown message type). The
 * connection cannot be trusted to stay in step any more, so it ends with a FATAL 08P01.
 */
final class ProtocolViolation extends Exception {
    static final String SQLSTATE = "08P01";

    ProtocolViolation(String message) {
        super(message);
    }
}
