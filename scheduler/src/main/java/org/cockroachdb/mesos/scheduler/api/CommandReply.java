package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.cockroachdb.mesos.scheduler.plan.CommandResult;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;

/**
 * The answer to a command, decided by the event loop: an HTTP status and a JSON object. Build it
 * with the factories, which give the SDK's codes and bodies.
 *
 * @param json a JSON object, e.g. {@code {"message":"Received cmd: stop"}}
 */
public record CommandReply(int status, String json) {

    public CommandReply {
        Objects.requireNonNull(json, "json");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be 100..599, got " + status);
        }
        if (!parse(json).isObject()) {
            throw new IllegalArgumentException("a command reply must be a JSON object, got " + json);
        }
    }

    /** OK 200, ALREADY 208, NOT_FOUND 404, BAD_REQUEST 400; body {@code {"message": ...}}. */
    public static CommandReply of(CommandResult result) {
        int status = switch (result.status()) {
            case OK -> 200;
            case ALREADY -> 208;
            case NOT_FOUND -> 404;
            case BAD_REQUEST -> 400;
        };
        return message(status, result.message());
    }

    /** 200 {@code {"pod":"cockroachdb-0","tasks":["cockroachdb-0-node-init"]}}, or 404 {@code Pod X not found}. */
    public static CommandReply of(PodCommand.Outcome outcome) {
        if (outcome instanceof PodCommand.Outcome.Done done) {
            ObjectNode out = Reply.JSON.createObjectNode().put("pod", done.pod());
            done.tasks().forEach(out.putArray("tasks")::add);
            return new CommandReply(200, out.toString());
        }
        return message(404, ((PodCommand.Outcome.NotFound) outcome).message());
    }

    public static CommandReply planNotFound(String planName) {
        return message(404, "Plan " + planName + " not found");
    }

    public static CommandReply message(int status, String message) {
        return new CommandReply(status, Reply.JSON.createObjectNode().put("message", message).toString());
    }

    JsonNode body() {
        return parse(json);
    }

    private static JsonNode parse(String json) {
        try {
            return Reply.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a command reply must be JSON: " + e.getOriginalMessage(), e);
        }
    }
}
