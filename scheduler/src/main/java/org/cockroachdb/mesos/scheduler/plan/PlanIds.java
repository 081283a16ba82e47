package org.cockroachdb.mesos.scheduler.plan;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Phase and step ids derived from names, so a plan rebuilt after every event (or after a
 * restart) keeps the ids the operator and the CLI already saw.
 */
public final class PlanIds {

    private PlanIds() {
    }

    public static String phase(String plan, String phase) {
        return nameUuid(plan + "/" + phase);
    }

    public static String step(String plan, String phase, String step) {
        return nameUuid(plan + "/" + phase + "/" + step);
    }

    private static String nameUuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
