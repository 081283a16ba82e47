package org.cockroachdb.mesos.scheduler.api;

/** A request the API refuses before it reaches the scheduler; the message is the one-line reason. */
final class BadRequest extends Exception {

    BadRequest(String reason) {
        super(reason, null, false, false);
    }
}
