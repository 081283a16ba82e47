package org.cockroachdb.mesos.scheduler.state;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The state store contract against a ZooKeeper 3.8 server process. */
class StateStoreOnZooKeeper38Test extends StateStoreContract {

    @RegisterExtension
    static final ZooKeeperProcessExtension SERVER = ZooKeeperProcessExtension.current();

    @Override
    protected ZkServer server() {
        return SERVER;
    }
}
