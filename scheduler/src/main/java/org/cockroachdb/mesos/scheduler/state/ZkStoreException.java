package org.cockroachdb.mesos.scheduler.state;

/** ZooKeeper could not be read or written (connection, permissions, timeouts). */
public final class ZkStoreException extends RuntimeException {

    public ZkStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
