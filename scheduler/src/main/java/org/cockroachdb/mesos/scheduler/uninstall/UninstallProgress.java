package org.cockroachdb.mesos.scheduler.uninstall;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import org.cockroachdb.mesos.scheduler.plan.StepRef;

/**
 * How the uninstall's progress is stored as properties, so that a restart carries on where it was:
 * the mark that it started, the resource ids released per agent, and the steps an operator forced.
 */
final class UninstallProgress {

    /** Set before the first kill: from then on every start uninstalls, with or without SDK_UNINSTALL. */
    static final String UNINSTALLING = "uninstalling";
    /** Per agent id: the resource ids whose UNRESERVE went out, comma-separated. */
    static final String RELEASED_PREFIX = "uninstall-released:";
    static final String FORCED = "uninstall-forced";

    private static final ObjectMapper JSON = new ObjectMapper();

    private UninstallProgress() {
    }

    static String encodeIds(Collection<String> ids) {
        return String.join(",", new TreeSet<>(ids));
    }

    static SortedSet<String> decodeIds(String text) {
        TreeSet<String> ids = new TreeSet<>(Arrays.asList(text.split(",")));
        ids.remove("");
        return ids;
    }

    static String encodeForced(Collection<StepRef> steps) {
        ArrayNode out = JSON.createArrayNode();
        new TreeSet<>(steps).forEach(s -> out.addObject().put("phase", s.phase()).put("step", s.step()));
        return out.toString();
    }

    static SortedSet<StepRef> decodeForced(String text) {
        try {
            TreeSet<StepRef> steps = new TreeSet<>();
            for (JsonNode node : JSON.readTree(text)) {
                steps.add(new StepRef(node.path("phase").asText(), node.path("step").asText()));
            }
            return steps;
        } catch (IOException e) {
            throw new IllegalStateException("the stored " + FORCED + " property is not valid JSON: " + e.getMessage(), e);
        }
    }
}
