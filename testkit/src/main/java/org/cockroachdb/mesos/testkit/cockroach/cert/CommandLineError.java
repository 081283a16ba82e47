package org.cockroachdb.mesos.testkit.cockroach.cert;

/**
 * The command line itself is wrong (unknown flag, bad flag value). cockroach prints the usage first
 * and exits with its command-line-flag exit code.
 */
final class CommandLineError extends Exception {
    CommandLineError(String message) {
        super(message, null, false, false);
    }
}
