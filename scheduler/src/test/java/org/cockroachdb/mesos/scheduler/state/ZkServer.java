package org.cockroachdb.mesos.scheduler.state;

/** A real ZooKeeper server the contract tests run against, and that they can stop and start again. */
interface ZkServer {

    String connectString();

    /** What the server's {@code srvr} answer starts its version with, e.g. {@code 3.4.14}. */
    String expectedVersionPrefix();

    void stop();

    /** Starts again on the same port with the same data. */
    void start();
}
