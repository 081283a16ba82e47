package org.cockroachdb.mesos.scheduler.loop;

import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where the last backup (or restore) stands, as stored in the property {@code job-outcome:<plan>}:
 * asked for and not over yet, or ended with a summary or a reason. Never a credential: a restart
 * that finds one still asked for cannot run it again and says so.
 */
record BackupOutcome(Stage stage, String message) {

    enum Stage { REQUESTED, COMPLETE, ERROR }

    private static final ObjectMapper JSON = new ObjectMapper();

    BackupOutcome {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
    }

    static BackupOutcome requested(String what) {
        return new BackupOutcome(Stage.REQUESTED, what);
    }

    static BackupOutcome complete(String summary) {
        return new BackupOutcome(Stage.COMPLETE, summary);
    }

    static BackupOutcome error(String reason) {
        return new BackupOutcome(Stage.ERROR, reason);
    }

    String encode() {
        return JSON.createObjectNode().put("stage", stage.name()).put("message", message).toString();
    }

    static BackupOutcome decode(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return new BackupOutcome(Stage.valueOf(node.path("stage").asText()), node.path("message").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored backup outcome is not valid: " + e.getMessage(), e);
        }
    }
}
