package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.util.Optional;

/**
 * A {@code cert} command failed for a reason other than its command line. The message is cockroach's
 * whole error chain ({@code failed to generate CA cert and key: CA key ... exists, but key reuse is
 * disabled}); the hint, when there is one, is printed on its own {@code HINT:} line.
 */
final class CertFailure extends Exception {
    private final String hint;

    CertFailure(String message) {
        this(message, null);
    }

    CertFailure(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** Prefixes the chain the way Go's {@code errors.Wrap(err, context)} does. */
    CertFailure wrap(String context) {
        return new CertFailure(context + ": " + getMessage(), hint);
    }
}
