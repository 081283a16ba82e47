package org.cockroachdb.mesos.scheduler.plan;

/** How an operator's command went; the API turns it into 200, 208, 404 or 400. */
public enum CommandStatus {
    /** Applied. */
    OK,
    /** Nothing to do: the plan, phase or step already is in the state the command asks for. */
    ALREADY,
    /** The phase or step (or pod) named does not exist. */
    NOT_FOUND,
    /** The command itself is malformed, e.g. a parameter name that is not an environment variable name. */
    BAD_REQUEST
}
