package org.cockroachdb.mesos.scheduler.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The deploy plan's first phase while a major upgrade is on record: {@code upgrade}, with the one
 * step {@code preserve-downgrade} that must be COMPLETE before any node restarts on the new major.
 */
public final class UpgradePhase {

    public static final String PHASE = "upgrade";
    public static final String PRESERVE_STEP = "preserve-downgrade";

    private UpgradePhase() {
    }

    /** {@code deploy} with the upgrade phase in front of its own phases. */
    public static Plan prepend(Plan deploy, DecommissionPlan.StepState preserve) {
        Phase phase = new Phase(PlanIds.phase(deploy.name(), PHASE), PHASE, Strategy.SERIAL, List.of(new Step(
                PlanIds.step(deploy.name(), PHASE, PRESERVE_STEP), PRESERVE_STEP, preserve.status(),
                preserve.message(), "")));
        List<Phase> phases = new ArrayList<>();
        phases.add(phase);
        phases.addAll(deploy.phases());
        return new Plan(deploy.name(), deploy.strategy(), phases, deploy.errors(), deploy.interrupted());
    }
}
