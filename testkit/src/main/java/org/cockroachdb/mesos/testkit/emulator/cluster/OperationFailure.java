package org.cockroachdb.mesos.testkit.emulator.cluster;

/** One offer operation failed validation; the others in the same ACCEPT still run. */
final class OperationFailure extends Exception {
    OperationFailure(String message) {
        super(message, null, false, false);
    }
}
