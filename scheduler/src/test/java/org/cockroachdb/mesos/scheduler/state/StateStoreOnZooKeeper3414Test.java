package org.cockroachdb.mesos.scheduler.state;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The state store contract against a ZooKeeper 3.4.14 server process, the release DC/OS ships. */
class StateStoreOnZooKeeper3414Test extends StateStoreContract {

    @RegisterExtension
    static final ZooKeeperProcessExtension SERVER = ZooKeeperProcessExtension.dcos();

    @Override
    protected ZkServer server() {
        return SERVER;
    }
}
