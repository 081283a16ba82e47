package org.cockroachdb.mesos.e2e;

/** {@link RollingUpdateScenario} over 5 nodes. */
class RollingUpdateFiveNodesTest extends RollingUpdateScenario {
    RollingUpdateFiveNodesTest() {
        super(5);
    }
}
