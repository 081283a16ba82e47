package org.cockroachdb.mesos.e2e;

/** {@link RollingUpdateScenario} over 3 nodes. */
class RollingUpdateThreeNodesTest extends RollingUpdateScenario {
    RollingUpdateThreeNodesTest() {
        super(3);
    }
}
