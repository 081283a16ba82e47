package org.cockroachdb.mesos.scheduler.plan;

import java.util.Objects;

/** What a plan command did, in the words the operator sees. */
public record CommandResult(CommandStatus status, String message) {

    /** The SDK's answer to a command that had nothing left to do. */
    public static final String ALREADY_MESSAGE = "Command has already been reported or completed";

    public CommandResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    static CommandResult ok(String command) {
        return new CommandResult(CommandStatus.OK, "Received cmd: " + command);
    }

    static CommandResult already() {
        return new CommandResult(CommandStatus.ALREADY, ALREADY_MESSAGE);
    }

    static CommandResult notFound(String what) {
        return new CommandResult(CommandStatus.NOT_FOUND, what + " not found");
    }

    static CommandResult badRequest(String reason) {
        return new CommandResult(CommandStatus.BAD_REQUEST, reason);
    }
}
