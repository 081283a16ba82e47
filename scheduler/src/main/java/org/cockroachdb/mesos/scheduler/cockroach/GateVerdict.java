package org.cockroachdb.mesos.scheduler.cockroach;

/** Whether the next node may be taken down: {@link Pass}, or {@link Wait} with what we wait for. */
public sealed interface GateVerdict {

    /** Every node live, every range fully replicated, and it has stayed so for the settle time. */
    record Pass() implements GateVerdict {
    }

    /** @param reason one line an operator understands, naming the first problem and counting the rest */
    record Wait(String reason) implements GateVerdict {
    }
}
