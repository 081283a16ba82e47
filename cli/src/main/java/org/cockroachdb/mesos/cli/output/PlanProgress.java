package org.cockroachdb.mesos.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line for a plan that runs a job (backup, restore): the plan's status and the message of the
 * step at work, as the scheduler words it (it reports phase and bytes there), e.g.
 * {@code backup IN_PROGRESS: backup-0:[backup] phase=upload bytes=1048576}.
 */
public final class PlanProgress {

    /** Where a watched plan stands. */
    public enum Stage {
        RUNNING, COMPLETE, ERROR
    }

    private PlanProgress() {
    }

    public static Stage stage(JsonNode plan) {
        return switch (plan.path("status").asText()) {
            case "COMPLETE" -> Stage.COMPLETE;
            case "ERROR" -> Stage.ERROR;
            default -> Stage.RUNNING;
        };
    }

    public static String line(String planName, JsonNode plan) {
        String status = plan.path("status").asText();
        JsonNode step = workingStep(plan);
        StringBuilder out = new StringBuilder(planName).append(' ').append(status);
        if (step != null) {
            out.append(": ").append(step.path("name").asText());
            String message = step.path("message").asText("");
            if (!message.isBlank()) {
                out.append(' ').append(message.replaceAll("\\s+", " ").strip());
            }
        }
        JsonNode errors = plan.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            out.append(" (").append(errors.get(0).asText()).append(')');
        }
        return out.toString();
    }

    /** The first step in ERROR, else the first not COMPLETE, else the last one; null without steps. */
    private static JsonNode workingStep(JsonNode plan) {
        JsonNode firstOpen = null;
        JsonNode last = null;
        for (JsonNode phase : plan.path("phases")) {
            for (JsonNode step : phase.path("steps")) {
                String status = step.path("status").asText();
                if (status.equals("ERROR")) {
                    return step;
                }
                if (firstOpen == null && !status.equals("COMPLETE")) {
                    firstOpen = step;
                }
                last = step;
            }
        }
        return firstOpen != null ? firstOpen : last;
    }
}
