package org.cockroachdb.mesos.scheduler.loop;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cockroachdb.mesos.scheduler.config.ReleaseSeries;

/**
 * How far a major upgrade has gone, stored (property {@code upgrade}) before the step it allows
 * is taken, so a scheduler that restarts anywhere resumes without running anything unsafe:
 * <ol>
 * <li>{@link Stage#PRESERVING}: the nodes run {@code from}; the job that sets
 *     {@code cluster.preserve_downgrade_option} runs (again) until it finishes. No node may start on
 *     {@code to} yet: with every node on the new binary and no preserve option, cockroach would
 *     finalize on its own, and a finalized cluster can never go back.</li>
 * <li>{@link Stage#ROLLING}: the option is set; the nodes roll onto {@code to} behind the health
 *     gate, and the upgrade then waits to be finalized.</li>
 * <li>{@link Stage#FINALIZING}: finalization was asked for and allowed; the job that resets the
 *     option runs (again) until it finishes. From here on there is no way back.</li>
 * <li>{@link Stage#VERIFYING}: the option is reset; a job reads {@code SHOW CLUSTER SETTING version}
 *     until it reports {@code to} (cockroach's migrations can take a while).</li>
 * <li>{@link Stage#FINALIZED}: done; kept so the plans show it.</li>
 * <li>{@link Stage#ROLLED_BACK}: the target went back to {@code from} before finalization.</li>
 * </ol>
 *
 * @param lastVersion what the last version check read, for the plan
 */
record UpgradeRecord(ReleaseSeries from, ReleaseSeries to, Stage stage, Optional<String> lastVersion) {

    static final String PROPERTY = SchedulerLoop.UPGRADE_PROPERTY;

    enum Stage { PRESERVING, ROLLING, FINALIZING, VERIFYING, FINALIZED, ROLLED_BACK }

    private static final ObjectMapper JSON = new ObjectMapper();

    static UpgradeRecord preserving(ReleaseSeries from, ReleaseSeries to) {
        return new UpgradeRecord(from, to, Stage.PRESERVING, Optional.empty());
    }

    UpgradeRecord at(Stage next) {
        return new UpgradeRecord(from, to, next, lastVersion);
    }

    UpgradeRecord read(String version) {
        return new UpgradeRecord(from, to, stage, Optional.of(version));
    }

    /** Started and neither finalized nor rolled back. */
    boolean open() {
        return stage != Stage.FINALIZED && stage != Stage.ROLLED_BACK;
    }

    String encode() {
        ObjectNode out = JSON.createObjectNode().put("from", from.clusterVersion()).put("to", to.clusterVersion())
                .put("stage", stage.name());
        lastVersion.ifPresent(v -> out.put("lastVersion", v));
        return out.toString();
    }

    static UpgradeRecord decode(String json) {
        try {
            JsonNode in = JSON.readTree(json);
            return new UpgradeRecord(series(in.path("from").asText()), series(in.path("to").asText()),
                    Stage.valueOf(in.path("stage").asText()),
                    in.hasNonNull("lastVersion") ? Optional.of(in.get("lastVersion").asText()) : Optional.empty());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored upgrade record cannot be read: " + json, e);
        }
    }

    private static ReleaseSeries series(String text) {
        String[] parts = text.split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a series: " + text);
        }
        return new ReleaseSeries(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
}
