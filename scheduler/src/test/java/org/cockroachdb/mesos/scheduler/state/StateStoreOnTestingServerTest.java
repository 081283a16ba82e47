package org.cockroachdb.mesos.scheduler.state;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The state store contract against Curator's TestingServer (ZooKeeper 3.5.10 in process). */
class StateStoreOnTestingServerTest extends StateStoreContract {

    @RegisterExtension
    static final TestingServerExtension SERVER = new TestingServerExtension();

    @Override
    protected ZkServer server() {
        return SERVER;
    }
}
